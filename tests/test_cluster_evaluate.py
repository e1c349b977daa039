"""The quality harness: B-cubed arithmetic and `digest eval` on a real labelled folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import benchmark_module

from digest import cli, cluster, evaluate
from digest.config import ClusterParams

CORPORA = Path(__file__).resolve().parent / "corpora"


@pytest.mark.parametrize(
    "gold, predicted, precision, recall",
    [
        ({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "1", "c": "2"}, 1.0, 1.0),
        ({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "2", "c": "3"}, 1.0, 2 / 3),
        ({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "1", "c": "1"}, 5 / 9, 1.0),
        ({"a": "x", "b": "y"}, {"a": "1", "b": "1", "z": "1"}, 0.5, 1.0),
    ],
)
def test_bcubed_precision_and_recall(gold, predicted, precision, recall) -> None:
    scores = evaluate.bcubed(gold, predicted)
    assert scores.precision == pytest.approx(precision)
    assert scores.recall == pytest.approx(recall)
    assert scores.f1 == pytest.approx(2 * precision * recall / (precision + recall))


def test_pairwise_counts_pairs_put_together() -> None:
    scores = evaluate.bcubed({"a": "x", "b": "x", "c": "x"}, {"a": "1", "b": "1", "c": "2"})
    assert scores.pair_precision == 1.0
    assert scores.pair_recall == pytest.approx(1 / 3)
    assert (scores.gold_events, scores.predicted_events) == (1, 2)


def test_read_gold_accepts_plain_and_object_labels(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"a.txt": "visit", "b.txt": {"event": "visit", "source": "x"}}))
    assert evaluate.read_gold(path) == {"a.txt": "visit", "b.txt": "visit"}


def test_read_gold_names_the_file_when_malformed(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text("[1, 2]")
    with pytest.raises(evaluate.InputError, match=r"gold\.json"):
        evaluate.read_gold(path)


def test_eval_cli_scores_the_seeds_perfectly(capsys) -> None:
    code = cli.main(["eval", "--gold", str(CORPORA / "seeds" / "gold.json")])
    out = capsys.readouterr().out
    assert code == 0
    assert "F1 1.000" in out
    assert "gold 3  predicted 3" in out


def test_eval_cli_missing_gold_is_one_line_error(tmp_path: Path, capsys) -> None:
    code = cli.main(["eval", "--gold", str(tmp_path / "none.json")])
    assert code != 0
    assert "none.json" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("corpus", "floor"),
    [
        ("ecbplus-dev", 0.87),  # page stamps read (s29); a riot's first night parts (s30)
        ("hardcases", 0.99),
        ("blind", 0.96),
        ("blind2", 0.96),  # the gap in the days parts a quake's first day (twentieth session)
        ("blind3", 0.89),  # 0.901 → 0.899: a lone report whose lead says its day (s29)
        ("blind4", 0.98),  # raised to its score (s32)
        ("blind5", 0.92),
        ("blind6", 0.87),  # s36: a raid, and a resignation after it; s42 lowered: regencies
        ("blind7", 0.92),  # names: the office's place split off (s18); s42 lowered: regencies
        ("blind8", 0.91),  # raised to its score (s36: two quakes by their magnitudes)
        ("blind9", 0.97),  # names: the office's place split off (README, eighteenth session)
        ("blind10", 0.98),
        ("blind11", 1.00),  # raised to its score (s30)
        ("blind12", 1.00),  # raised to its score (s32)
        ("blind13", 0.99),
        ("blind14", 0.95),  # 0.962 → 0.958: English leads' names across languages (s32)
        ("blind15", 0.99),
        ("blind16", 0.95),
        ("blind17", 0.94),  # 0.961 → 0.943: English leads' names across languages (s32)
        ("blind18", 0.97),
        ("blind19", 0.98),  # raised to its score (s32)
        ("blind20", 0.98),  # 0.992 → 0.982: English leads' names across languages (s32)
        ("blind21", 0.96),
        ("blind22", 0.99),
        ("blind23", 0.95),
        ("blind24", 0.93),
        ("blind25", 0.96),  # raised to its score (s33)
        ("blind26", 0.86),  # raised to its score (s32)
        ("blind27", 0.96),  # raised to its score (s32)
        ("blind28", 0.99),
        ("blind29", 0.98),  # raised to its score (s30)
        ("blind30", 0.97),
        ("blind31", 0.98),  # raised to its score (s32)
        ("blind32", 0.99),
        ("blind33", 0.93),  # raised to its score (s33)
        ("blind34", 0.92),  # raised to its score (s36: a winner declared is the result)
        ("blind35", 0.88),  # raised to its score (s35: a lead's weekday and date)
        ("blind36", 0.97),
        ("blind37", 0.91),  # raised to its score (s30)
        ("blind38", 0.98),  # raised to its score (s30)
        ("blind39", 0.91),  # raised to its score (s33)
        ("blind40", 0.98),
        ("blind41", 0.95),
        ("blind42", 0.90),  # 0.916 → 0.900: a wire's agency out of its names (s39)
        ("blind43", 0.87),  # 0.898 → 0.875: English leads' names across languages (s32)
        ("blind44", 0.98),  # raised to its score (s30)
        ("blind45", 0.97),  # 0.982 (s36); 0.971: a Bali-Lombok ferry, two provinces (s45)
        ("blind46", 0.99),  # raised to its score (s33)
        ("blind47", 0.92),
        ("blind48", 0.88),  # raised to its score (s30)
        ("blind49", 0.96),  # 0.983 → 0.963: English leads' names across languages (s32)
        ("blind50", 0.98),  # raised to its score (s33)
        ("blind51", 0.97),  # raised to its score (s35: a lead's weekday and date)
        ("blind52", 0.92),  # page stamps and bylines out of the lead (s30)
        ("blind53", 0.93),
        ("blind54", 0.91),  # raised to its score (s30)
        ("blind55", 0.96),
        ("blind56", 0.93),  # raised to its score (s30)
        ("blind57", 0.95),
        ("blind58", 0.92),  # raised to its score (s30)
        ("blind59", 0.90),  # raised to its score (s36: a pact sealed is a signing)
        ("blind60", 0.94),  # raised to its score (s35: a lead's weekday and date)
        ("blind61", 0.98),
        ("blind62", 0.98),  # 0.989 since Serang the city is no attack (s41)
        ("blind63", 0.99),  # raised to its score (s32)
        ("blind64", 0.84),  # 0.856 → 0.848: names after a dateline (s40)
        ("blind65", 0.90),  # raised to its score (s35 stamps; s42: abbreviated weekdays)
        ("blind66", 0.93),  # page stamps and bylines out of the lead (s30)
        ("blind67", 0.91),  # raised to its score (s35: a lead's weekday and date)
        ("blind68", 0.99),
        ("blind69", 0.95),  # raised to its score (s35: a lead's weekday and date)
        ("blind70", 1.00),  # raised to its score (s32)
        ("blind71", 0.96),  # raised to its score (s32)
        ("blind72", 0.96),  # raised to its score (s32)
        ("blind73", 0.93),  # raised to its score (s36: qualifying, sprint and race)
        ("blind74", 0.96),  # 0.983 → 0.962: English leads' names across languages (s32)
        ("blind75", 0.96),  # raised to its score (s32)
        ("blind76", 0.93),  # s42 lowered: regencies as places
        ("blind77", 0.95),  # 0.960 → 0.9595: the lead's day in the story's second sentence (s33)
        ("blind78", 0.99),
        ("blind79", 0.90),  # raised to its score (s35: a lead's weekday and date)
        ("blind80", 0.96),  # 0.972 → 0.961: the lead's day in the story's second sentence (s33)
        ("blind81", 0.92),  # page stamps and bylines out of the lead (s30)
        ("blind82", 0.93),  # raised to its score (s40: linked headlines off)
        ("blind83", 0.95),  # 0.972 → 0.951: names after a dateline (s40)
        ("blind84", 0.92),  # 0.904 → 0.922: a lead's plain day (s40; a peat fire, s29)
        ("blind85", 0.96),  # raised to its score (s30)
        ("blind86", 0.96),  # raised to its score (s36: the homecoming is a custody step)
        ("blind87", 0.91),  # raised to its score (s36: a police chief's two approvals)
        ("blind88", 0.96),  # 0.971 → 0.970: the lead's day and weekday in two sentences (s33)
        ("blind89", 0.97),  # raised to its score (s32)
        ("blind90", 0.93),  # raised to its score (s30)
        ("blind91", 0.95),  # s44 lowered (0.967 → 0.958): a caption over the story goes whole
        ("blind92", 0.96),  # 0.983 → 0.964: linked headlines off the page (s40)
        ("blind93", 0.99),
        ("blind94", 0.91),  # 0.941 → 0.928: English leads' names (s32); 0.920: a regency (s45)
        ("blind95", 0.96),  # raised to its score (s36: an officer dismissed by a panel)
        ("blind96", 0.93),  # raised to its score (s30)
        ("blind97", 0.91),  # raised to its score (s35: dotted and weekday-read stamps)
        ("blind98", 0.95),  # raised to its score (s38: "lewat" is a stopword)
        ("blind99", 0.99),  # raised to its score (s34)
        ("blind100", 0.98),  # raised to its score (s36: a rakor is talks)
        ("blind101", 0.93),  # raised to its score (s34)
        ("blind102", 0.98),  # raised to its score (s36: a rakor is talks)
        ("blind103", 0.98),  # raised to its score (s33)
        ("blind104", 0.87),  # 0.885 → 0.876: names after a dateline (s40)
        ("blind105", 0.93),  # 0.941 (s35: a lead's weekday and date); 0.931: news words (s47)
        ("blind106", 0.93),  # raised to its score (s32)
        ("blind107", 0.87),  # raised to its score (s35: a lead's weekday and date)
        ("blind108", 0.95),  # raised to its score (s33)
        ("blind109", 0.94),  # raised to its score (s35: a lead's weekday and date)
        ("blind110", 0.85),  # 0.870 → 0.857: names after a dateline (s40)
        ("blind111", 0.96),  # raised to its score (s36: a package sealed is a signing)
        ("blind112", 0.92),  # raised to its score (s36: a witness's testimony is a trial step)
        ("blind113", 0.93),  # raised to its score (s32)
        ("blind114", 0.87),  # raised to its score (s33); s42 lowered: regencies
        ("blind115", 0.82),  # s34: b115-031's lead kept, not dropped as a promo (docs/history.md)
        ("blind116", 0.92),  # 0.906 on arrival (s37); 0.920: linked headlines off (s40)
        ("blind117", 0.96),  # 0.982 on arrival (s37); a wire agency out of names (s39)
        ("blind118", 0.83),  # scored blind on arrival (s38): 0.844; 0.834: news words (s47)
        ("blind119", 0.91),  # 0.933 on arrival (s38); s42 lowered (0.9198): a wrong outlet gone
        ("blind120", 0.88),  # 0.880 on arrival (s38), 0.885 with the one-way rule
        ("blind121", 0.83),  # 0.818 on arrival (s38); 0.835: a lead's plain day (s40)
        ("blind122", 0.94),  # 0.953 on arrival (s38); 0.936 (s40); 0.953 (s43); 0.942: visits (s46)
        ("blind123", 0.97),  # 0.954 on arrival (s38); 0.975: a lead's plain day (s40)
        ("blind124", 0.92),  # scored blind on arrival (s39): 0.921
        ("blind125", 0.93),  # scored blind on arrival (s39): 0.935
        ("blind126", 0.93),  # scored blind on arrival (s39): 0.936
        ("blind127", 0.86),  # scored blind on arrival (s39): 0.863
        ("blind128", 0.85),  # scored blind on arrival (s39): 0.857
        ("blind129", 0.84),  # scored blind on arrival (s39): 0.844
        ("blind130", 0.95),  # scored blind on arrival (s39): 0.950
        ("blind131", 0.83),  # scored blind on arrival (s39): 0.837
        ("blind132", 0.92),  # scored blind on arrival (s40): 0.920
        ("blind133", 0.93),  # scored blind on arrival (s40): 0.935
        ("blind134", 0.88),  # 0.887 on arrival (s40); its verdict showed the lead's day
        ("blind135", 0.92),  # scored blind on arrival (s40): 0.926
        ("blind136", 0.86),  # 0.876 on arrival (s40, after its changes); s42 lowered: regencies
        ("blind137", 0.91),  # scored blind on arrival (s40, after its changes): 0.910
        ("blind138", 0.87),  # scored blind on arrival (s40, after its changes): 0.872
        ("blind139", 0.84),  # scored blind on arrival (s40, after its changes): 0.849
        ("blind140", 0.89),  # scored blind on arrival (s40, at its end): 0.892
        ("blind141", 0.94),  # scored blind on arrival (s40, at its end): 0.945
        ("blind142", 0.87),  # scored blind on arrival (s40, at its end): 0.876
        ("blind143", 0.90),  # scored blind on arrival (s40, at its end): 0.905
        ("blind144", 0.93),  # scored blind on arrival (s41, main 22f060c): 0.937
        ("blind145", 0.91),  # scored blind on arrival (s41, main 22f060c): 0.914
        ("blind146", 0.89),  # scored blind on arrival (s41, main 22f060c): 0.895
        ("blind147", 0.89),  # 0.905 on arrival (s41); 0.892 with its real headlines
        ("blind148", 0.92),  # scored blind on arrival (s41, at its end): 0.927
        ("blind149", 0.98),  # 0.962 on arrival (s41); raised (s42: a stamp over the headline)
        ("blind150", 0.98),  # scored blind on arrival (s41, at its end): 0.981
        ("blind151", 0.87),  # 0.867 on arrival (s41); 0.879: a stamp under the trail (s44)
        ("blind152", 0.86),  # 0.849 on arrival (s41); 0.876 by s46; 0.868: news words (s47)
        ("blind153", 0.91),  # 0.932 on arrival (s41); s42 lowered: its real headlines
        ("blind154", 0.95),  # scored blind on arrival (s41, main fae5dc3): 0.957
        ("blind155", 0.94),  # scored blind on arrival (s41, main fae5dc3): 0.948
        ("blind156", 0.85),  # scored blind on arrival (s42, main de2436d): 0.850
        ("blind157", 0.95),  # scored blind on arrival (s42, main de2436d): 0.958
        ("blind158", 0.90),  # 0.887 on arrival (s42), then trails with slashes: 0.904
        ("blind159", 0.94),  # scored blind on arrival (s42, main de2436d): 0.944
        ("blind160", 0.91),  # scored blind on arrival (s42, main de2436d): 0.914
        ("blind161", 0.93),  # scored blind on arrival (s42, main de2436d): 0.940 (0.9396)
        ("blind162", 0.94),  # scored blind on arrival (s42, main de2436d): 0.949
        ("blind163", 0.98),  # scored blind on arrival (s42, main de2436d): 0.985
        ("blind164", 0.92),  # scored blind on arrival (s42, main de2436d): 0.926
        ("blind165", 0.96),  # 0.950 on arrival (s42, main de2436d); the s42 branch 0.964
        ("blind166", 0.94),  # 0.926 on arrival (s42); 0.942: the headline again (s44)
        ("blind167", 0.92),  # scored blind on arrival (s42, main de2436d): 0.923
        ("blind168", 0.85),  # scored blind on arrival (s43, main a9a9428): 0.857
        ("blind169", 0.97),  # 0.962 on arrival (s43); 0.980: police chiefs' talks and signing
        ("blind170", 0.95),  # scored blind on arrival (s43, main a9a9428): 0.960
        ("blind171", 0.92),  # scored blind on arrival (s43, main a9a9428): 0.926
        ("blind172", 0.93),  # scored blind on arrival (s43, main a9a9428): 0.933
        ("blind173", 0.83),  # 0.827 on arrival (s43); 0.847 (s44); 0.837: news words (s47)
        ("blind174", 0.96),  # 0.965 on arrival (s43); 0.970: the page under the headline
        ("blind175", 0.95),  # scored blind on arrival (s43, main a9a9428): 0.958
        ("blind176", 0.95),  # scored blind on arrival (s44, main 599efbc): 0.957
        ("blind177", 0.89),  # scored blind on arrival (s44, main 599efbc): 0.899
        ("blind178", 0.97),  # scored blind on arrival (s44, main 599efbc): 0.975
        ("blind179", 0.98),  # scored blind on arrival (s44, main 599efbc): 0.980
        ("blind180", 0.98),  # 0.945 on arrival (s44); 0.985: races and heats are steps
        ("blind181", 0.95),  # on arrival (s44, main 599efbc): 0.964; 0.955: news words (s47)
        ("blind182", 0.91),  # 0.907 on arrival (s44); 0.925: contracts signed; 0.914 (s47)
        ("blind183", 0.95),  # scored blind on arrival (s44, main c9c5397): 0.958
        ("blind184", 0.94),  # scored blind on arrival (s44, main c9c5397): 0.941
        ("blind185", 0.94),  # scored blind on arrival (s44, main c9c5397): 0.944
        ("blind186", 0.88),  # 0.890 on arrival (s45); 0.888: a bilateral headline is talks
        ("blind187", 0.94),  # scored blind on arrival (s45, main 49b7209): 0.942
        ("blind188", 0.99),  # 0.979 on arrival (s45, main 49b7209); 0.990: regencies (s45)
        ("blind189", 0.92),  # scored blind on arrival (s45, main 49b7209): 0.920
        ("blind190", 0.95),  # scored blind on arrival (s45, main 49b7209): 0.955
        ("blind191", 0.92),  # scored blind on arrival (s45, main 49b7209): 0.920
        ("blind192", 0.91),  # scored blind on arrival (s45, main 49b7209): 0.918
        ("blind193", 0.97),  # scored blind on arrival (s45, main 49b7209): 0.972
        ("blind194", 0.98),  # scored blind on arrival (s45, main 49b7209): 0.981
        ("blind195", 0.95),  # scored blind on arrival (s45, main 49b7209): 0.953
        ("blind196", 0.95),  # scored blind on arrival (s45, main 49b7209): 0.951
        ("blind197", 0.94),  # scored blind on arrival (s45, main 49b7209): 0.946
        ("blind198", 0.91),  # scored blind on arrival (s45, main 48fc5f4): 0.915
        ("blind199", 0.93),  # scored blind on arrival (s45, main 48fc5f4): 0.934
        ("blind200", 0.97),  # scored blind on arrival (s45, main 48fc5f4): 0.972
        ("blind201", 0.90),  # scored blind on arrival (s45, main 48fc5f4): 0.905
        ("blind202", 1.0),  # scored blind on arrival (s45, main 48fc5f4): 1.000
        ("blind203", 0.93),  # scored blind on arrival (s45, main 48fc5f4): 0.933
        ("blind204", 0.91),  # scored blind on arrival (s46, main 34b9bd8): 0.915
        ("blind205", 0.91),  # scored blind on arrival (s46, main 34b9bd8): 0.910
        ("blind206", 0.94),  # scored blind on arrival (s46, main 34b9bd8): 0.943
        ("blind207", 0.88),  # scored blind on arrival (s46, main 34b9bd8): 0.889
        ("blind208", 0.83),  # scored blind on arrival (s46, main 34b9bd8): 0.837
        ("blind209", 0.91),  # scored blind on arrival (s46, main 34b9bd8): 0.916
        ("blind210", 0.85),  # scored blind on arrival (s46, branch 789c0ca): 0.857
        ("blind211", 0.92),  # on arrival (s46, branch 789c0ca): 0.922; 0.913 without visits
        ("blind212", 0.92),  # scored blind on arrival (s46, branch 789c0ca): 0.923
        ("blind213", 0.95),  # scored blind on arrival (s46, branch 789c0ca): 0.958
        ("blind214", 0.87),  # scored blind on arrival (s46, branch 789c0ca): 0.878
        ("blind215", 0.95),  # scored blind on arrival (s46, branch 789c0ca): 0.958
        ("blind216", 0.85),  # on arrival (s47, branch e1fbefa): 0.856; the plea read after: 0.875
        ("blind217", 0.99),  # scored blind on arrival (s47, branch e1fbefa): 0.993
        ("blind218", 0.88),  # scored blind on arrival (s47, branch e1fbefa): 0.880
        ("blind219", 0.91),  # scored blind on arrival (s47, branch e1fbefa): 0.918
        ("blind220", 0.93),  # scored blind on arrival (s47, branch e1fbefa): 0.937
        ("blind221", 0.89),  # scored blind on arrival (s47, branch e1fbefa): 0.897
    ],
)
def test_labelled_corpora_keep_their_scores(corpus: str, floor: float) -> None:
    """The README's quality table, as a floor: a change that costs a labelled corpus its
    B-cubed F1 at the default settings fails here (seeds: `test_cluster_seeds`)."""
    gold_path = Path(__file__).parent / "corpora" / corpus / "gold.json"
    articles = evaluate.load_articles(evaluate.default_articles_dir(gold_path))
    gold = evaluate.gold_by_article(evaluate.read_gold(gold_path), articles)
    groups = cluster.cluster_articles(articles, ClusterParams())
    assert evaluate.bcubed(gold, evaluate.labels_of(groups)).f1 >= floor


def test_gold_split_by_dates_cuts_an_event_where_its_dated_reports_lie_too_far_apart() -> None:
    module = benchmark_module("gold_by_dates")
    gold = {"a": "shooting", "b": "shooting", "c": "shooting", "d": "shooting", "e": "quake"}
    day = 739000
    spans = {"a": (day, day), "b": (day + 2, day + 2), "c": (day + 400, day + 400), "d": None,
             "e": None}  # fmt: skip
    split = module.split_by_dates(gold, spans, 5)
    assert split["a"] == split["b"] == split["d"] != split["c"]  # undated: the larger part
    assert split["e"] == "quake#0"


def test_eval_cli_lists_the_mistakes_with_a_pair_to_explain(capsys) -> None:
    code = cli.main(["eval", "--gold", str(CORPORA / "blind" / "gold.json"), "--errors"])
    out = capsys.readouterr().out
    assert code == 0
    merged = [line for line in out.splitlines() if line.startswith("merged:")]
    # the README's known merge: a relief visit two days after the landslide
    (visit,) = [line for line in merged if "longsor-cianjur-bnpb" in line]
    pair = visit.split("-> digest explain ", 1)[1].split()
    assert cli.main(["explain", *pair, "--seeds", str(CORPORA / "blind" / "articles")]) == 0
    assert "the SAME event" in capsys.readouterr().out


def test_mistakes_lists_merges_and_splits_of_labelled_articles_only() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert evaluate.mistakes(gold, [["a", "b"], ["c", "unlabelled"]]) == []
    assert evaluate.mistakes(gold, [["a"], ["b", "c"]]) == [
        "merged: x (b) + y (c)  -> digest explain b c",
        "split: x into (a) | (b)  -> digest explain a b",
    ]
