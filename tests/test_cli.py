"""The command line: arguments, messages and exit codes (click's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import cli


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_cli_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"kg, version {__version__}"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_cli_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"kg {command}" in result.output


def test_cli_build_missing_path_fails_with_message(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(cli, ["build", str(missing), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no article could be read" in result.output
    assert str(missing) in result.output


def test_cli_build_empty_folder_fails_with_message(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(cli, ["build", str(empty), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no article could be read" in result.output


def test_cli_build_binary_file_only_fails(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4)
    result = runner.invoke(cli, ["build", str(binary), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"skipped {binary}" in result.output
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.slow
def test_cli_build_skips_binary_file_and_builds_the_rest(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (tmp_path / "in" / "story.txt").write_text(
        "Ministers Meet in Vienna\n\nThe foreign minister of Austria met the foreign minister "
        "of Chile in Vienna on Monday. Austria and Chile signed a trade agreement.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(tmp_path / "in"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "image.png" in result.output
    lines = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["Ministers Meet in Vienna"]
    strict = runner.invoke(cli, ["build", str(tmp_path / "in"), "--out", str(out), "--strict"])
    assert strict.exit_code == 1
    assert "--strict: 1 input(s) skipped or failed" in strict.output


@pytest.mark.slow
def test_cli_extract_json_shows_publisher_and_clean_body(
    runner: CliRunner, sample_dir: Path
) -> None:
    path = sample_dir / "001_cb1eed41c2725daf.txt"
    result = runner.invoke(cli, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    articles = json.loads(result.stdout)
    assert len(articles) == 1
    article = articles[0]
    assert article["publisher"] == "Asharq Al-Awsat"
    assert article["title"].startswith("LNA Denies Haftar Seeking to Allow Russia")
    assert "Home »" not in article["text"]
    assert "Source:" not in article["text"]
    assert "North Africa Russia" not in article["text"]
    for mention in article["mentions"]:
        assert article["text"][mention["start"]:mention["end"]] == mention["text"]


def test_cli_query_var_sets_a_values_parameter(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "tiny.ttl"
    data.write_text('<https://e.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "Chile" .\n'
                    '<https://e.org/b> <http://www.w3.org/2000/01/rdf-schema#label> "Peru" .\n',
                    encoding="utf-8")
    sparql = ('SELECT ?s WHERE { VALUES ?name { "Peru" } '
              '?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }')
    result = runner.invoke(cli, ["query", str(data), sparql, "--var", "name=Chile",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["s", "https://e.org/a", ""]
    wrong = runner.invoke(cli, ["query", str(data), sparql, "--var", "country=Chile"])
    assert wrong.exit_code == 1
    assert ("no `VALUES ?country { ... }` block to set; variables that can be set: name"
            in wrong.output)


def test_cli_build_bad_base_fails_before_any_work(runner: CliRunner, tmp_path: Path) -> None:
    # the base used to be checked after the NLP stage, ending in a ValueError traceback (#13)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(tmp_path), "--out", str(out), "--base",
                                 "example.org"])
    assert result.exit_code == 2
    assert "Invalid value for '--base': base IRI 'example.org' must be absolute" in result.output
    assert not out.exists()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder with the RDF of the small hand-made corpus (no NLP)."""
    from rdf_helpers import make_corpus

    from kg.rdf.store import write_outputs_rdf

    out = tmp_path_factory.mktemp("built")
    write_outputs_rdf(make_corpus(), out)
    return out


@pytest.mark.parametrize(("alias", "name"), [("ttl", "turtle"), ("nt", "ntriples"),
                                             ("nq", "nquads"), ("jsonld", "jsonld"),
                                             ("json-ld", "jsonld")])
def test_cli_export_format_alias_writes_what_the_long_name_writes(
    runner: CliRunner, built: Path, tmp_path: Path, alias: str, name: str
) -> None:
    short = runner.invoke(cli, ["export", str(built), "--format", alias,
                                "--dest", str(tmp_path / "short")])
    long = runner.invoke(cli, ["export", str(built), "-f", name, "--dest", str(tmp_path / "long")])
    assert (short.exit_code, long.exit_code) == (0, 0), short.output + long.output
    assert short.output == f"Wrote {tmp_path / 'short'}\n"
    assert (tmp_path / "short").read_bytes() == (tmp_path / "long").read_bytes()


def test_cli_export_alias_default_dest_has_the_format_extension(
    runner: CliRunner, built: Path
) -> None:
    result = runner.invoke(cli, ["export", str(built), "--format", "nt"])
    assert result.output == f"Wrote {built / 'graph.nt'}\n"


def test_cli_export_unknown_format_lists_the_aliases(runner: CliRunner, built: Path) -> None:
    result = runner.invoke(cli, ["export", str(built), "--format", "rdfxml"])
    assert result.exit_code == 2
    assert ("'rdfxml' is not one of 'turtle', 'ntriples', 'nquads', 'trig', 'jsonld', 'ttl', "
            "'nt', 'nq', 'json-ld'" in result.output)


def test_cli_serve_ctrl_c_while_starting_exits_130_with_one_line(
    runner: CliRunner, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("kg.rdf.serve.serve", interrupted)
    result = runner.invoke(cli, ["serve", str(built), "--port", "0"])
    assert (result.exit_code, result.output) == (130, "SPARQL endpoint stopped (Ctrl-C)\n")


@pytest.mark.slow
def test_cli_serve_ctrl_c_stops_workers_without_tracebacks(built: Path) -> None:
    """Ctrl-C reaches the whole process group, the query workers as well as `kg serve`."""
    import os
    import signal
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", str(built), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(root)}, cwd=root,
    )
    try:
        assert process.stdout is not None
        ready = process.stdout.readline()
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert ready.startswith("SPARQL endpoint at http://127.0.0.1:")
    assert (process.returncode, out, err) == (130, "", "SPARQL endpoint stopped (Ctrl-C)\n")
