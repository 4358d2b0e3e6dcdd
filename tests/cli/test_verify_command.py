"""`research-agent verify`: any text checked sentence by sentence against a record."""

from __future__ import annotations

from pathlib import Path

from agent.models import TextCheck
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF, PROFILES
from agent.testing import writer as w

AS_OF = ["--as-of", EXAMPLE_AS_OF.isoformat()]
XPR = "zheng2022crosslingual"
INFOXLM = "chi2020infoxlm"

FAITHFUL = f"""\
# Zewen Chi

Zewen Chi has 36 papers in this record, from 2019 to 2026 [chi2019complicated] [li2026breaking].
XPR extracts phrase representations from unlabeled example sentences [{XPR}]. Its dataset
holds 65,000 bilingual phrase pairs [{XPR}].

| Paper | Year |
|---|---|
| [{XPR}] Cross-Lingual Phrase Retrieval, with 99 made-up numbers | 2031 |

## References

- <a id="ref-{XPR}"></a>**[{XPR}]** Heqi Zheng, Xiao Zhang, Zewen Chi et al. 2022.

[{XPR}]: #ref-{XPR}

Faithfulness: 3 sentences: 3 supported.
"""


def write(tmp_path: Path, text: str, name: str = "text.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_faithful_text_passes_and_markdown_furniture_is_skipped(run_cli, tmp_path) -> None:
    result = run_cli("verify", str(EXAMPLE), str(write(tmp_path, FAITHFUL)), *AS_OF)
    assert result.code == 0, result.stdout + result.stderr
    assert result.stdout.count("supported: ") == 3
    assert "made-up numbers" not in result.stdout  # the table row is no prose
    assert result.stdout.rstrip().endswith("3 sentences: 3 supported, 0 unsupported")


def test_a_changed_number_fails_with_its_reason(run_cli, tmp_path) -> None:
    text = FAITHFUL.replace("65,000 bilingual", "75,000 bilingual")
    result = run_cli("verify", str(EXAMPLE), str(write(tmp_path, text)), *AS_OF)
    assert result.code == 1
    assert "UNSUPPORTED: Its dataset holds 75,000 bilingual phrase pairs." in result.stdout
    assert 'number "75,000" is not in the cited papers' in result.stdout
    assert result.stdout.rstrip().endswith("3 sentences: 2 supported, 1 unsupported")


def test_an_uncited_sentence_is_attributed_to_the_papers_that_support_it(run_cli,
                                                                         tmp_path) -> None:
    text = ("XPR is trained on a dataset of 65K bilingual phrase pairs.\n\n"
            "Zewen Chi won the Turing Award for XPR.\n\nThis page is an overview.\n")
    result = run_cli("verify", str(EXAMPLE), str(write(tmp_path, text)), *AS_OF, "--json")
    assert result.code == 1  # the award is in no paper
    checked = TextCheck.model_validate_json(result.stdout)
    attributed, award, framing = checked.sentences
    assert attributed.supported and attributed.keys == [] and attributed.attributed == [XPR]
    assert not award.supported and award.reasons
    assert framing.supported and framing.attributed == [] and framing.reasons == []
    human = run_cli("verify", str(EXAMPLE), str(write(tmp_path, text)), *AS_OF)
    assert f"supported, uncited; attributed to [{XPR}]: XPR is trained" in human.stdout


def test_json_names_keys_reasons_and_error_kinds(run_cli, tmp_path) -> None:
    text = (f"InfoXLM appeared in 2019 [{INFOXLM}]. InfoXLM learns cross-lingual "
            f"representations [smith2020fake]. Zewen Chi first-authored XPR [{XPR}].")
    result = run_cli("verify", str(EXAMPLE), str(write(tmp_path, text)), *AS_OF, "--json")
    assert result.code == 1
    checked = TextCheck.model_validate_json(result.stdout)
    assert checked.profile == str(EXAMPLE) and checked.source.endswith("text.md")
    year, unknown, role = checked.sentences
    assert year.keys == [INFOXLM] and "year" in year.kinds
    assert unknown.keys == ["smith2020fake"] and unknown.kinds[0] == "unknown_citation"
    assert "role" in role.kinds and any('"first-authored"' in r for r in role.reasons)
    assert checked.unsupported == 3


def test_our_own_report_verifies(run_cli, fake_model, tmp_path) -> None:
    fake_model.set_default(w.writer())
    report = tmp_path / "r.md"
    made = run_cli("report", str(PROFILES / "multi-paragraph.txt"), *AS_OF, "-o", str(report),
                   "--base-url", fake_model.base_url, "--model", "fake-model",
                   "--cache-dir", str(tmp_path / "cache"))
    assert made.code == 0, made.stderr
    result = run_cli("verify", str(PROFILES / "multi-paragraph.txt"), str(report), *AS_OF)
    assert result.code == 0, result.stdout
    assert "UNSUPPORTED" not in result.stdout
    # The digest table and the references list hold text, but no prose to check.
    assert "| " not in result.stdout and "<a id=" not in result.stdout


def test_bad_inputs_are_one_line_errors(run_cli, tmp_path) -> None:
    missing = run_cli("verify", str(EXAMPLE), str(tmp_path / "nope.md"), *AS_OF)
    assert missing.code == 2
    assert "nope.md does not exist" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    empty = run_cli("verify", str(EXAMPLE), str(write(tmp_path, "\n# Only a heading\n")), *AS_OF)
    assert empty.code == 1
    assert "has no sentences to check" in empty.stderr
    assert len(empty.stderr.strip().splitlines()) == 1
    no_profile = run_cli("verify", str(tmp_path / "none.txt"), str(write(tmp_path, "A.")), *AS_OF)
    assert no_profile.code == 2
    assert len(no_profile.stderr.strip().splitlines()) == 1
