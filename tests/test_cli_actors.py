"""Tests of the ``casus actors`` commands (casus.cli_actors), run on the Typer app directly."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli_actors import app
from casus.kb import KnowledgeBase

runner = CliRunner()


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASUS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_lookup_person_by_date() -> None:
    res = runner.invoke(app, ["lookup", "Medvedev", "--date", "2010-06-01"])
    assert res.exit_code == 0, res.output
    assert "Dmitry Medvedev" in res.output
    assert "code=RUS sector=GOV (president" in res.output
    assert "2020-01-16 to ..." in res.output  # all roles listed


def test_lookup_full_name_two_dates() -> None:
    res = runner.invoke(app, ["lookup", "Dmitry Medvedev", "--date", "2010-06-01"])
    assert res.exit_code == 0, res.output
    assert "at 2010-06-01: code=RUS sector=GOV (president (head of state))" in res.output
    res = runner.invoke(app, ["lookup", "Dmitry Medvedev", "--date", "2021-06-01"])
    assert res.exit_code == 0, res.output
    assert "at 2021-06-01: code=RUS sector=GOV (deputy chairman of the Security Council)" in res.output


def test_lookup_former_office_holder() -> None:
    res = runner.invoke(app, ["lookup", "Ashton Carter", "--date", "2020-06-01"])
    assert res.exit_code == 0, res.output
    assert "code=USA sector=ELI (former secretary of defense)" in res.output


def test_lookup_country_and_adjective() -> None:
    res = runner.invoke(app, ["lookup", "Syrian"])
    assert res.exit_code == 0
    assert "adjective of SYR" in res.output
    res = runner.invoke(app, ["lookup", "the Kremlin"])
    assert "code=RUS sector=GOV" in res.output and "[metonym]" in res.output


def test_lookup_agent_and_unknown() -> None:
    res = runner.invoke(app, ["lookup", "troops"])
    assert res.exit_code == 0 and "sector MIL" in res.output
    res = runner.invoke(app, ["lookup", "Zzyzx Qwerty"])
    assert res.exit_code == 1


def test_add_csv(tmp_path: Path, home: Path) -> None:
    f = tmp_path / "local.csv"
    f.write_text("name,kind,code,sector,start,end,title,aliases\n"
                 "Jan Kowalski,person,POL,GOV,2024-01-01,,mayor of Gdansk,Kowalski\n", encoding="utf-8")
    res = runner.invoke(app, ["add", str(f)])
    assert res.exit_code == 0, res.output
    assert (home / "actors" / "local.csv").is_file()
    hit = KnowledgeBase.load().resolve("Kowalski", "2025-01-01")
    assert hit is not None and hit[1].code == "POL" and hit[1].title == "mayor of Gdansk"
    res = runner.invoke(app, ["lookup", "Jan Kowalski"])
    assert "code=POL sector=GOV" in res.output


def test_add_yaml(tmp_path: Path, home: Path) -> None:
    f = tmp_path / "groups.yaml"
    f.write_text("- name: Example Liberation Front\n  kind: group\n  code: MLI\n  sector: REB\n",
                 encoding="utf-8")
    res = runner.invoke(app, ["add", str(f)])
    assert res.exit_code == 0, res.output
    hit = KnowledgeBase.load().resolve("Example Liberation Front")
    assert hit is not None and (hit[1].code, hit[1].sector) == ("MLI", "REB")


def test_add_malformed_row(tmp_path: Path, home: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("name,kind,code,sector\nGood One,group,MLI,REB\nBad One,group,MLI,WIZARD\n",
                 encoding="utf-8")
    res = runner.invoke(app, ["add", str(f)])
    assert res.exit_code == 2
    out = res.output.strip().splitlines()
    assert len(out) == 1
    assert f"{f}:3" in out[0] and "bad sector" in out[0]
    assert not (home / "actors" / "bad.csv").exists()


def test_add_malformed_yaml_and_missing(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("- name: X\n  kind: person\n", encoding="utf-8")
    res = runner.invoke(app, ["add", str(f)])
    assert res.exit_code == 2 and "entry 1" in res.output and "needs 'code'" in res.output
    res = runner.invoke(app, ["add", str(tmp_path / "nope.csv")])
    assert res.exit_code == 2 and "no such file" in res.output
    res = runner.invoke(app, ["add", str(tmp_path / "x.txt")])
    assert res.exit_code == 2
