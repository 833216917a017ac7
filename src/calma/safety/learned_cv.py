"""Grouped cross-validation of the learned crisis signal, the rules, and the two combined.

``python -m calma.safety.learned_cv [--json OUT] [--rules-cache FILE]``

Groups are writers' rounds (`learned.group_of`): every file of round 7, in every language, is
one group, and so is the new corpus of each writer, so a writer's sentences are never both in
a training and in a test fold. Leave-one-group-out gives every case a probability from a model
that never saw its group (out of fold).

The combination's thresholds (`learned.THRESHOLDS`) are chosen per domain (English messages,
es/pt/fr/de messages, conversations) by `choose_thresholds` on out-of-fold probabilities: the
lowest ones whose cost (casual and support cases sent up) stays within caps fixed in advance.
To measure the combination honestly the choice is nested: for each held-out group the
thresholds are chosen on an inner grouped cross-validation of the other groups only, then
applied to it. The thresholds shipped in `learned.THRESHOLDS` are the ones chosen on all
out-of-fold probabilities (printed at the end), in the domains where the nested combination
gained more crisis recall than it added casual-to-crisis rate; elsewhere the tiers are off.

Caveat printed with the table: the rules were written reading the older files, so on them the
rules' figures are in-sample; only the new writers' corpus (`corpus_*`) is out of sample for
the rules as well.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict

import numpy as np

from calma.safety import learned
from calma.safety.learned import CASUAL, CRISIS, THERAPEUTIC, Example

GRID = [round(x, 2) for x in np.arange(0.05, 0.99, 0.01)]
# The caps, fixed before any threshold was looked at. The rules were written reading most of the
# training files, so on them the rules look perfect and any threshold that trades their errors
# against the model's would be chosen against errors the rules do not make there. The
# thresholds are therefore set by what the model costs, which out-of-fold probabilities measure
# honestly: a raise to crisis may send at most 2 % of casual and 5 % of support cases to crisis,
# the check-in at most 5 % of casual cases, the support tier at most 5 % of casual cases.
RAISE_MAX_CASUAL, RAISE_MAX_SUPPORT = 0.02, 0.05
CHECK_IN_MAX_CASUAL = 0.05
# Round 11: a message the rules sent to small talk is raised to crisis (not only to the check-in)
# at the lowest crisis probability that at most 1 % of casual messages reach: half the raise's
# cap, because small talk is where the rules let everyday risk words through on purpose.
SMALL_TALK_RAISE_MAX_CASUAL = 0.01
SMALL_TALK_RAISE_DOMAINS = ("intl",)  # English messages and conversations: the rules' small talk stands
SUPPORT_MAX_CASUAL = 0.05
OFF = {"raise": 1.01, "check_in": 1.01, "support": 0.0}  # the learned tiers never apply
_LABEL_ROUTE = {CASUAL: "casual", THERAPEUTIC: "therapeutic", CRISIS: "crisis"}


# ------------------------------------------------------------------------------------------ rules

def rules_decisions(examples: list[Example]) -> list[dict]:
    """Per case: the rules' route, and whether the learned check-in could apply to it."""
    from calma.config import SafetySection
    from calma.safety.detect import prepare
    from calma.safety.policy import route_rules, with_learned

    cfg = SafetySection(use_learned=False)
    prepare([c for e in examples for role, c in e.messages if role == "user"])
    out = []
    for e in examples:
        messages = [{"role": role, "content": c} for role, c in e.messages]
        decision = route_rules(messages, cfg)
        probe = with_learned(decision, messages, cfg, probs=(0.0, 0.0, 0.5), limits={"raise": 2.0, "check_in": 0.0, "support": 0.0})
        # 0.85: under round 12's raise after a risk question (`followup`), which is not simulated here
        raised = with_learned(decision, messages, cfg, probs=(0.0, 0.15, 0.85),
                              limits={"raise": 0.0, "check_in": 0.0, "support": 0.0, "raise_small_talk": 0.0})
        calmed = with_learned(decision, messages, cfg, probs=(1.0, 0.0, 0.0), limits={"raise": 2.0, "check_in": 2.0, "support": 0.0, "casual": 0.0})
        out.append({"route": decision.route, "check_in_ok": probe.route == "check_in", "raise_ok": raised.route == "crisis",
                    "casual_ok": decision.route == "therapeutic" and calmed.route == "casual",
                    "language": decision.language,
                    "classifier_only": decision.route == "crisis" and decision.reasons == ["crisis in latest message"]
                    and not any(r.startswith(("lexicon:", "combination:")) for r in decision.assessment.reasons)})
    return out


# ------------------------------------------------------------------------------------ combining

def combined_routes(rules: list[dict], probs: np.ndarray, limits: dict) -> list[str]:
    """`policy.with_learned` on precomputed rules decisions (a test checks they agree)."""
    probs = np.asarray(probs).reshape(-1, 3)
    out = []
    for r, (casual, _, crisis) in zip(rules, probs):
        if r["route"] in ("crisis", "unsupported_language"):
            out.append(r["route"])
        elif crisis >= limits["raise"] and r["raise_ok"] and (r["route"] != "casual" or limits.get("from_small_talk", learned.RAISE_FROM_SMALL_TALK)
                                                            or crisis >= limits.get("raise_small_talk", 1.01)):
            out.append("crisis")
        elif crisis >= limits["check_in"] and r["check_in_ok"]:
            out.append("check_in")
        elif r["route"] == "casual" and casual < limits["support"]:
            out.append("therapeutic")
        elif r["route"] == "therapeutic" and r.get("casual_ok") and casual >= limits.get("casual", 1.01) and crisis < learned.CASUAL_MAX_CRISIS:
            out.append("casual")
        else:
            out.append(r["route"])
    return out


def rates(labels, routes) -> dict:
    counted = ["therapeutic" if r == "check_in" else r for r in routes]
    names = [_LABEL_ROUTE[y] for y in labels]
    crisis = [c for n, c in zip(names, counted) if n == "crisis"]
    casual = [c for n, c in zip(names, counted) if n == "casual"]
    support = [c for n, c in zip(names, counted) if n == "therapeutic"]
    return {
        "cases": len(names),
        "recall": sum(c == "crisis" for c in crisis) / max(len(crisis), 1),
        "casual_crisis": sum(c == "crisis" for c in casual) / max(len(casual), 1),
        "support_crisis": sum(c == "crisis" for c in support) / max(len(support), 1),
        "accuracy": sum(n == c for n, c in zip(names, counted)) / max(len(names), 1),
        "crisis_check_in": sum(r == "check_in" for n, r in zip(names, routes) if n == "crisis"),
    }


TIERS = ("raise", "check_in", "support")


def _only(limits: dict, on: frozenset, from_small_talk: bool, domain: str = "intl") -> dict:
    """`limits` with the tiers not in `on` switched off (the raise from small talk only in
    `SMALL_TALK_RAISE_DOMAINS`)."""
    return {"raise": limits["raise"] if "raise" in on else OFF["raise"],
            "raise_small_talk": limits.get("raise_small_talk", 1.01) if "raise" in on and domain in SMALL_TALK_RAISE_DOMAINS else 1.01,
            "check_in": limits["check_in"] if "check_in" in on else OFF["check_in"],
            "support": limits["support"] if "support" in on else OFF["support"], "from_small_talk": from_small_talk}


def _tier_effect(tier: str, labels, with_tier: list[str], without: list[str]) -> dict:
    """What one tier does, measured nested (all tiers against all but this one). It is kept when
    it helps more than it harms, as rates of the labels it moves: the raise when it gains more
    crisis recall than it adds casual-to-crisis rate; the check-in when it moves a larger share of
    the crises (out of small talk or support: resources and the direct question) than of the
    casual messages; the support tier when it moves a larger share of the support needs and
    crises out of small talk than of the casual messages."""
    labels = [int(y) for y in labels]
    n = {k: max(labels.count(k), 1) for k in (CASUAL, THERAPEUTIC, CRISIS)}
    if tier == "raise":
        a, b = rates(labels, with_tier), rates(labels, without)
        gain, cost = a["recall"] - b["recall"], a["casual_crisis"] - b["casual_crisis"]
    else:
        target = "check_in" if tier == "check_in" else "therapeutic"
        moved = [y for y, x, w in zip(labels, with_tier, without) if x == target and w != target]
        helped = (CRISIS,) if tier == "check_in" else (THERAPEUTIC, CRISIS)
        gain = sum(moved.count(k) for k in helped) / sum(n[k] for k in helped)
        cost = moved.count(CASUAL) / n[CASUAL]
    return {"gain": round(gain, 4), "cost": round(cost, 4), "enabled": gain > cost}


def _share_at_least(p: np.ndarray, t: float) -> float:
    return float((p >= t).mean()) if len(p) else 0.0


def choose_thresholds(labels, probs: np.ndarray) -> dict:
    """The lowest thresholds whose cost on out-of-fold probabilities stays within the caps:
    `raise` (crisis probability), `check_in` (crisis probability, below `raise`), `support`
    (the casual probability under which a message the rules sent to small talk goes to support),
    `raise_small_talk` (the crisis probability, at least `raise`, from which a message the rules
    sent to small talk is raised to crisis too: at most 1 % of casual messages reach it)."""
    labels = np.asarray(labels)
    probs = np.asarray(probs).reshape(-1, 3)
    crisis_casual, crisis_support = probs[labels == CASUAL, CRISIS], probs[labels == THERAPEUTIC, CRISIS]
    raise_at = next((t for t in GRID if _share_at_least(crisis_casual, t) <= RAISE_MAX_CASUAL
                     and _share_at_least(crisis_support, t) <= RAISE_MAX_SUPPORT), 1.01)
    check_at = next((t for t in GRID if t < raise_at and _share_at_least(crisis_casual, t) <= CHECK_IN_MAX_CASUAL), raise_at)
    casual_of_casual = probs[labels == CASUAL, CASUAL]
    support = max((t for t in GRID if float((casual_of_casual < t).mean()) <= SUPPORT_MAX_CASUAL), default=0.0)
    small_at = next((t for t in GRID if _share_at_least(crisis_casual, t) <= SMALL_TALK_RAISE_MAX_CASUAL), 1.01)
    return {"raise": raise_at, "check_in": check_at, "support": support, "raise_small_talk": max(small_at, raise_at)}


# ------------------------------------------------------------------ round 11: lowering, small talk

LOWER_ALARM_CAP = 0.5  # fixed in advance: an alarm the model reads as likelier a crisis than not is no weak alarm
_LOWER_GRID = [round(x, 2) for x in np.arange(0.0, LOWER_ALARM_CAP + 1e-9, 0.05)]
_LATEST_GRID = [0.0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]


def lowered_by(case: dict, limits: dict) -> bool:
    """Whether `policy.lower_alarm` applies to one eligible conversation: `case` has the out-of-fold
    crisis probability of the latest message ("latest") and the highest of its classifier-only and
    lexicon alarm turns ("alarm", "lexicon_alarm"; 0.0 when there is none of that kind)."""
    return case["latest"] < limits["latest"] and case["alarm"] < limits["alarm"] and case["lexicon_alarm"] < limits["lexicon_alarm"]


def lower_effect(cases: list[dict], limits: dict) -> tuple[int, int]:
    """(non-crisis turns corrected, crises harmed): a crisis is harmed when it leaves the crisis route
    or goes to small talk; `case` also has the label, the rules' route and the route they give with
    the alarms calmed ("lowered")."""
    gain = harm = 0
    for c in cases:
        if not lowered_by(c, limits):
            continue
        if c["label"] == "crisis":
            harm += c["route"] == "crisis" or c["lowered"] == "casual"
        else:
            gain += (c["route"] == "crisis") + (c["lowered"] == c["label"]) - (c["route"] == c["label"])
    return gain, harm


def choose_lower(cases: list[dict]) -> dict:
    """`learned.LOWER`: the most non-crisis turns corrected with no crisis harmed, ties to the lowest thresholds."""
    best = None
    for a, b, t in itertools.product(_LOWER_GRID, _LOWER_GRID, _LATEST_GRID):
        limits = {"alarm": a, "lexicon_alarm": b, "latest": t}
        gain, harm = lower_effect(cases, limits)
        if not harm and (best is None or (gain, -(a + b + t)) > best[0]):
            best = ((gain, -(a + b + t)), limits)
    return best[1]


def choose_small_talk(rows: list[tuple[str, float, float]]) -> float:
    """`THRESHOLDS["conversation"]["casual"]` from (label, casual probability, crisis probability) of
    the turns the rules sent to support by context: the most casual turns gained net of support
    needs lost, with no crisis moved; 1.01 (off) when none qualifies."""
    best = None
    for t in [round(x, 2) for x in np.arange(0.5, 0.99, 0.05)]:
        moved = [label for label, casual, crisis in rows if casual >= t and crisis < learned.CASUAL_MAX_CRISIS]
        if "crisis" in moved:
            continue
        net = moved.count("casual") - moved.count("therapeutic")
        if best is None or net > best[0]:
            best = (net, t)
    return best[1] if best else 1.01


# ---------------------------------------------------------------------------------------- folds

def _channels(examples) -> dict:
    """text -> hashed message channels, shared by every fold's training."""
    cache: dict = {}
    for e in examples:
        for text in (e.last, e.assistant, *e.earlier):
            if text and (text, e.lang) not in cache:
                cache[(text, e.lang)] = learned.hashed(learned.message_features(text, e.lang), learned.PARAMS["n_features"])
    return cache


def out_of_fold(examples, channels, groups: list[str], among: list[int] | None = None, folds: int | None = None) -> np.ndarray:
    """Probabilities of each case in `among` (default all) from a model trained without its
    group (leave-one-group-out, or `folds` folds of whole groups); NaN outside `among`."""
    among = list(range(len(examples))) if among is None else among
    names = sorted({groups[i] for i in among})
    if folds and len(names) > folds:
        sizes = {g: sum(groups[i] == g for i in among) for g in names}
        bins: list[list[str]] = [[] for _ in range(folds)]
        load = [0] * folds
        for g in sorted(names, key=lambda g: (-sizes[g], g)):
            k = load.index(min(load))
            bins[k].append(g)
            load[k] += sizes[g]
    else:
        bins = [[g] for g in names]
    p = np.full((len(examples), 3), np.nan)
    for held in bins:
        train = [i for i in among if groups[i] not in held]
        test = [i for i in among if groups[i] in held]
        model = learned.fit([examples[i] for i in train], message_channels=channels)
        for i in test:
            p[i] = model.predict(examples[i].last, examples[i].assistant, examples[i].earlier, examples[i].lang)
    return p


def _argmax_routes(probs_all: np.ndarray) -> list[str]:
    return [learned.ROUTES[int(np.argmax(row))] for row in probs_all]


def cross_validate(examples: list[Example], rules: list[dict], inner_folds: int = 5, log=print) -> dict:
    channels = _channels(examples)
    groups = [e.group for e in examples]
    labels = np.array([e.label for e in examples])
    domains = [e.domain for e in examples]
    names = sorted(set(groups))
    probs = np.zeros((len(examples), 3))
    # nested routes for every subset of the tiers, as shipped (small talk raised to the check-in at
    # most) and the alternative (small talk raised to crisis too)
    subsets = [frozenset(c) for n in range(len(TIERS) + 1) for c in itertools.combinations(TIERS, n)]
    nested_by = {(on, small): [None] * len(examples) for on in subsets for small in (False, True)}
    chosen_per_fold = {}
    for g in names:
        train = [i for i in range(len(examples)) if groups[i] != g]
        test = [i for i in range(len(examples)) if groups[i] == g]
        model = learned.fit([examples[i] for i in train], message_channels=channels)
        for i in test:
            probs[i] = model.predict(examples[i].last, examples[i].assistant, examples[i].earlier, examples[i].lang)
        inner = out_of_fold(examples, channels, groups, among=train, folds=inner_folds)
        chosen = {}
        for d in sorted({domains[i] for i in test}):
            idx = [i for i in train if domains[i] == d]
            chosen[d] = choose_thresholds(labels[idx], inner[idx])
            idx_test = [i for i in test if domains[i] == d]
            for (on, small), routes in nested_by.items():
                for i, r in zip(idx_test, combined_routes([rules[i] for i in idx_test], probs[idx_test], _only(chosen[d], on, small, d))):
                    routes[i] = r
        chosen_per_fold[g] = chosen
        log(f"  fold {g:<22} {len(test):>5} cases  thresholds {chosen}")
    final, enabled = {}, {}
    small = learned.RAISE_FROM_SMALL_TALK
    nested, nested_any = [None] * len(examples), [None] * len(examples)
    for d in sorted(set(domains)):
        idx = [i for i in range(len(examples)) if domains[i] == d]
        final[d] = choose_thresholds(labels[idx], probs[idx])
        full = frozenset(TIERS)
        enabled[d] = {t: _tier_effect(t, labels[idx], [nested_by[(full, small)][i] for i in idx],
                                      [nested_by[(full - {t}, small)][i] for i in idx]) for t in TIERS}
        on = frozenset(t for t in TIERS if enabled[d][t]["enabled"])
        final[d] = {k: v for k, v in _only(final[d], on, small, d).items() if k != "from_small_talk"}
        for i in idx:
            nested[i], nested_any[i] = nested_by[(on, small)][i], nested_by[(on, not small)][i]
    in_sample = {}  # the shipped thresholds applied to the out-of-fold probabilities (not nested)
    for i, d in enumerate(domains):
        in_sample[i] = combined_routes([rules[i]], probs[i], final[d])[0]
    return {"probs": probs, "nested": nested, "nested_other": nested_any, "rules": [r["route"] for r in rules], "argmax": _argmax_routes(probs),
            "shipped": [in_sample[i] for i in range(len(examples))],
            "thresholds": final, "fold_thresholds": chosen_per_fold, "enabled": enabled,
            "veto": veto_analysis(labels, rules, probs[:, CRISIS])}


def veto_analysis(labels, rules, p) -> dict:
    """How many rules crises that the embedding classifier alone made would a veto at each level
    lower, by label (a veto is safe only if it lowers no crisis)."""
    out = {}
    for t in (0.02, 0.05, 0.10, 0.20):
        hit = [int(y) for y, r, pc in zip(labels, rules, p) if r["classifier_only"] and pc < t]
        out[str(t)] = {name: hit.count(k) for k, name in _LABEL_ROUTE.items()}
    return out


def buckets(examples: list[Example]) -> dict[str, list[int]]:
    out = defaultdict(list)
    for i, e in enumerate(examples):
        kind = "conversations" if e.kind == "conversation" else "messages"
        out[f"{kind} {e.lang}"].append(i)
        out[f"{kind} all"].append(i)
        if e.group.startswith("corpus"):
            out[f"new writers: {kind} {e.lang}"].append(i)
            out[f"new writers: {kind} all"].append(i)
    return dict(out)


def table(examples, result) -> list[dict]:
    labels = [e.label for e in examples]
    rows = []
    for name, idx in sorted(buckets(examples).items(), key=lambda kv: (kv[0].startswith("new"), kv[0])):
        row = {"bucket": name, "cases": len(idx)}
        for key in ("rules", "argmax", "nested", "nested_other"):
            row[key] = rates([labels[i] for i in idx], [result[key][i] for i in idx])
        rows.append(row)
    return rows


def format_table(rows) -> str:
    keys = ("rules", "argmax", "nested", "nested_other")
    other = "small talk to crisis too" if not learned.RAISE_FROM_SMALL_TALK else "small talk to check-in"
    head = f"{'bucket':<32}{'n':>6}   {'rules alone':^20} {'classifier alone':^20} {'combined (nested)':^20} {'not shipped: ' + other:^20}"
    lines = [head, f"{'':<38}" + "   rec   c->c   acc " * len(keys)]
    for row in rows:
        cells = "".join(f"  {row[k]['recall']:.3f} {row[k]['casual_crisis']:.3f} {row[k]['accuracy']:.3f}" for k in keys)
        lines.append(f"{row['bucket']:<32}{row['cases']:>6} {cells}")
    return "\n".join(lines)


def _rules_key() -> str:
    """The rules' decisions depend on the cases and on the rules' code (not on the learned model)."""
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256()
    for name, raw in learned._files():
        digest.update(name.encode() + b"\0" + raw)
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        if not path.name.startswith("learned"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calma.safety.learned_cv", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="OUT", help="write the table, thresholds and veto analysis as JSON")
    parser.add_argument("--rules-cache", metavar="FILE", help="reuse (or write) the rules' decisions here")
    parser.add_argument("--inner-folds", type=int, default=5)
    args = parser.parse_args(argv)
    examples = learned.training_examples()
    print(f"{len(examples)} cases, {len({e.group for e in examples})} groups", file=sys.stderr)
    rules = None
    if args.rules_cache:
        try:
            with open(args.rules_cache, encoding="utf-8") as handle:
                cached = json.load(handle)
            if cached.get("fingerprint") == _rules_key() and len(cached["rules"]) == len(examples):
                rules = cached["rules"]
        except (OSError, ValueError):
            pass
    if rules is None:
        rules = rules_decisions(examples)
        if args.rules_cache:
            with open(args.rules_cache, "w", encoding="utf-8") as handle:
                json.dump({"fingerprint": _rules_key(), "rules": rules}, handle)
    result = cross_validate(examples, rules, inner_folds=args.inner_folds, log=lambda m: print(m, file=sys.stderr))
    rows = table(examples, result)
    print(format_table(rows))
    print("\nrec: crisis recall; c->c: casual sent to crisis; acc: accuracy (check-in counts as therapeutic).")
    print("Rules alone are in-sample on every file but the new writers' corpus (the rules were written reading them).")
    print(f"per domain and tier, nested (gain and cost as rates; a tier is kept where gain > cost): {json.dumps(result['enabled'])}")
    print(f"thresholds chosen on all out-of-fold probabilities, tiers not kept switched off: {json.dumps(result['thresholds'])}")
    print(f"veto analysis (classifier-only rules crises below each learned level, by label): {json.dumps(result['veto'])}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"table": rows, "thresholds": result["thresholds"], "fold_thresholds": result["fold_thresholds"],
                       "enabled": result["enabled"],
                       "veto": result["veto"],
                       "cases": [{"id": e.id, "source": e.source, "group": e.group, "domain": e.domain, "lang": e.lang,
                                  "label": learned.ROUTES[e.label], "probs": [round(float(x), 4) for x in result["probs"][i]],
                                  "rules": result["rules"][i], "nested": result["nested"][i],
                                  "nested_other": result["nested_other"][i]} for i, e in enumerate(examples)]},
                      handle)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
