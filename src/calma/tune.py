"""`calma tune`: the guide's "If still overfitting" loop, run for the user with Optuna.

Each trial changes the guide's anti-overfitting knobs (epochs, learning rate, weight decay, LoRA
dropout, rank, share of the training data), is trained exactly as `calma train` trains and
evaluated exactly as `calma evaluate` evaluates, and lands in ``OUT/trial-K``. Trials are ranked
by validation loss among those whose generalization verdict is good (then acceptable, then the
rest); the test split is never used to choose. Hopeless trials are pruned by Optuna's median
pruner on the validation losses reported during training. The study lives in ``OUT/tune.db``
(SQLite), so an interrupted search resumes without redoing finished trials.

``--progressive 1000,5000,all`` is the guide's progressive approach instead: the config's own
settings on the first 1,000 training rows, then 5,000, then all, stopping as soon as the
verdict gets worse than at the size before.

Output: ``OUT/trials.md`` and ``OUT/trials.json`` (trial, settings, validation loss with its
interval, the real generalization gap, verdict, ready-to-promote, time), ``OUT/trials.png``
(validation loss per trial) and ``OUT/best``: a copy of the winning adapter, ready for
``calma promote OUT/best``.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

from calma.errors import CalmaError

VERDICT_RANK = {"good": 0, "acceptable": 1, "noisy": 2, "overfitting": 3}


def say(message: str) -> None:
    print(f"calma tune: {message}", file=sys.stderr, flush=True)


def suggest(trial, config):
    """The trial's settings on top of `config` (the guide's knobs and ranges around its defaults)."""
    c = config.model_copy(deep=True)
    c.train.epochs = trial.suggest_int("epochs", 1, max(1, int(round(config.train.epochs))))
    c.train.learning_rate = trial.suggest_float("learning_rate", 3e-5, 3e-4, log=True)
    c.train.weight_decay = trial.suggest_float("weight_decay", 0.0, 0.05)
    c.lora.dropout = trial.suggest_float("lora_dropout", 0.05, 0.3)
    c.lora.r = trial.suggest_categorical("lora_r", [8, 16, 32])
    share = trial.suggest_categorical("data_share", [0.5, 1.0])
    return c, share


def subset(data_dir: Path, out: Path, rows: int | None, seed: int) -> Path:
    """A prepared folder whose training split keeps `rows` seeded rows (validation/test whole)."""
    from datasets import load_from_disk

    train = load_from_disk(str(data_dir / "train"))
    if rows is None or rows >= len(train):
        return data_dir
    out.mkdir(parents=True, exist_ok=True)
    train.shuffle(seed=seed).select(range(rows)).save_to_disk(str(out / "train"))
    for name in ("validation", "test"):
        load_from_disk(str(data_dir / name)).save_to_disk(str(out / name))
    shutil.copy(data_dir / "report.json", out / "report.json")
    return out


class _Pruning:
    """Reports each validation loss to Optuna and stops a trial the pruner gives up on."""

    def __new__(cls, trial):
        from transformers import TrainerCallback

        class Callback(TrainerCallback):
            pruned = False

            def on_evaluate(self, args, state, control, metrics=None, **kwargs):
                if metrics and "eval_loss" in metrics:
                    trial.report(float(metrics["eval_loss"]), state.global_step)
                    if trial.should_prune():
                        self.pruned = True
                        control.should_training_stop = True

        return Callback()


def run_trial(config, data_dir: Path, folder: Path, callbacks=()) -> dict:
    """Train and evaluate one setting; the row of the trials table."""
    from calma.evaluate.report import run_evaluation
    from calma.train.recipe import train

    started = time.perf_counter()
    result = train(config, data_dir, folder, overwrite=True, callbacks=list(callbacks))
    if any(getattr(cb, "pruned", False) for cb in callbacks):  # given up on: no evaluation spent on it
        return {"adapter": str(result.final_dir), "steps": result.global_step, "seconds": round(time.perf_counter() - started, 1)}
    report = run_evaluation(result.final_dir, data_dir, config=config)
    losses = report["losses"]["adapter"]
    return {
        "adapter": str(result.final_dir),
        "validation_loss": losses["validation"]["mean"],
        "validation_interval": [losses["validation"]["low"], losses["validation"]["high"]],
        "gap": report["generalization_gap"]["value"],
        "verdict": report["verdict"]["key"],
        "verdict_text": report["verdict"]["text"],
        "ready": (report.get("readiness") or {}).get("ready"),
        "steps": result.global_step,
        "seconds": round(time.perf_counter() - started, 1),
    }


def ranked(rows: list[dict]) -> list[dict]:
    """Good verdicts first, then acceptable, ...; by validation loss within each (never test loss)."""
    done = [r for r in rows if r.get("state") == "complete"]
    return sorted(done, key=lambda r: (VERDICT_RANK.get(r["verdict"], 9), r["validation_loss"]))


def tune(config, data_dir, output_dir, trials: int = 8, progressive: list[int | None] | None = None) -> list[dict]:
    data_dir, output_dir = Path(data_dir), Path(output_dir)
    if not (data_dir / "train").exists():
        raise CalmaError(f"{data_dir}: no prepared data (run `calma prepare --output {data_dir}` first)")
    output_dir.mkdir(parents=True, exist_ok=True)
    rows = _progressive(config, data_dir, output_dir, progressive) if progressive else _search(config, data_dir, output_dir, trials)
    write_outputs(output_dir, rows)
    return rows


def _search(config, data_dir: Path, output_dir: Path, trials: int) -> list[dict]:
    import optuna
    from datasets import load_from_disk

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(
        study_name="calma-tune", storage=f"sqlite:///{output_dir / 'tune.db'}", load_if_exists=True, direction="minimize",
        sampler=optuna.samplers.TPESampler(seed=config.train.seed),
        pruner=optuna.pruners.MedianPruner(n_startup_trials=2, n_warmup_steps=1),
    )
    finished = [t for t in study.trials if t.state in (optuna.trial.TrialState.COMPLETE, optuna.trial.TrialState.PRUNED)]
    for stale in (t for t in study.trials if t.state == optuna.trial.TrialState.RUNNING):  # a crash mid-trial
        study.tell(stale.number, state=optuna.trial.TrialState.FAIL)
    left = max(trials - len(finished), 0)
    if finished:
        say(f"resuming {output_dir / 'tune.db'}: {len(finished)} trials done, {left} to go")
    n_train = len(load_from_disk(str(data_dir / "train")))

    def objective(trial):
        settings, share = suggest(trial, config)
        folder = output_dir / f"trial-{trial.number}"
        data = subset(data_dir, folder / "data", None if share >= 1 else max(1, int(n_train * share)), config.train.seed)
        say(f"trial {trial.number}: {trial.params}")
        pruning = _Pruning(trial)
        row = run_trial(settings, data, folder / "run", callbacks=[pruning])
        for key, value in row.items():
            trial.set_user_attr(key, value)
        if pruning.pruned:
            raise optuna.TrialPruned()
        return row["validation_loss"]

    if left:
        study.optimize(objective, n_trials=left, catch=())
    return [_row_of(t) for t in study.trials]


def _row_of(trial) -> dict:
    row = {"trial": trial.number, "state": trial.state.name.lower(), "settings": dict(trial.params), **trial.user_attrs}
    if trial.state.name == "PRUNED":
        row["verdict"] = "pruned"
    return row


def _progressive(config, data_dir: Path, output_dir: Path, sizes: list[int | None]) -> list[dict]:
    done_file = output_dir / "progressive.json"
    rows = json.loads(done_file.read_text(encoding="utf-8")) if done_file.is_file() else []
    for number, size in enumerate(sizes):
        if number < len(rows):
            continue  # finished before a crash: not redone
        folder = output_dir / f"trial-{number}"
        data = subset(data_dir, folder / "data", size, config.train.seed)
        say(f"trial {number}: {'all' if size is None else size} training rows")
        row = {"trial": number, "state": "complete", "settings": {"training_rows": "all" if size is None else size},
               **run_trial(config, data, folder / "run")}
        rows.append(row)
        done_file.write_text(json.dumps(rows, indent=2), encoding="utf-8")
        if len(rows) > 1 and VERDICT_RANK.get(row["verdict"], 9) > VERDICT_RANK.get(rows[-2]["verdict"], 9):
            say(f"the verdict got worse at {row['settings']['training_rows']} rows ({row['verdict_text']}): stopping here")
            break
    return rows


def write_outputs(output_dir: Path, rows: list[dict]) -> None:
    from calma.atomic import staged_folder

    best = ranked(rows)
    (output_dir / "trials.json").write_text(json.dumps({"trials": rows, "best": best[0]["trial"] if best else None}, indent=2),
                                            encoding="utf-8")
    (output_dir / "trials.md").write_text(render(rows, best), encoding="utf-8")
    _plot(output_dir / "trials.png", rows)
    if best:
        with staged_folder(output_dir / "best") as staging:
            shutil.copytree(best[0]["adapter"], staging, dirs_exist_ok=True)
        say(f"best: trial {best[0]['trial']} (validation loss {best[0]['validation_loss']:.4f}, {best[0]['verdict_text']}); "
            f"`calma promote {output_dir / 'best'}`")


def render(rows: list[dict], best: list[dict]) -> str:
    lines = ["# calma tune", "", "Ranked by validation loss among trials with a good verdict (then acceptable, ...); "
             "the test split is not used to choose.", "",
             "| trial | settings | validation loss [95%] | gap | verdict | ready | steps | time |", "|---|---|---|---|---|---|---|---|"]
    order = [r["trial"] for r in best] + [r["trial"] for r in rows if r["trial"] not in {b["trial"] for b in best}]
    by_number = {r["trial"]: r for r in rows}
    for number in order:
        r = by_number[number]
        settings = ", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in r.get("settings", {}).items())
        if "validation_loss" not in r:
            lines.append(f"| {number} | {settings} | – | – | {r.get('verdict', r['state'])} | – | – | – |")
            continue
        low, high = r["validation_interval"]
        lines.append(f"| {number}{' **best**' if best and number == best[0]['trial'] else ''} | {settings} | "
                     f"{r['validation_loss']:.4f} [{low:.4f}, {high:.4f}] | {r['gap']:+.4f} | {r['verdict_text']} | "
                     f"{'yes' if r.get('ready') else 'no'} | {r['steps']} | {r['seconds']:.0f} s |")
    return "\n".join(lines) + "\n\n![validation loss per trial](trials.png)\n"


def _plot(path: Path, rows: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    done = [r for r in rows if "validation_loss" in r]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for r in done:
        low, high = r["validation_interval"]
        ax.errorbar([r["trial"]], [r["validation_loss"]], yerr=[[r["validation_loss"] - low], [high - r["validation_loss"]]],
                    fmt="o", color="tab:green" if r["verdict"] == "good" else "tab:orange")
    ax.set_xlabel("trial")
    ax.set_ylabel("validation loss")
    ax.set_title("calma tune (green: good generalization)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


# ---------------------------------------------------------------- command


def _sizes(text: str) -> list[int | None]:
    sizes = []
    for part in text.split(","):
        part = part.strip().lower()
        if part == "all":
            sizes.append(None)
        elif part.isdigit() and int(part) > 0:
            sizes.append(int(part))
        else:
            raise CalmaError(f"--progressive {text}: '{part}' is not a row count or 'all' (e.g. 1000,5000,all)")
    return sizes


def register(subparsers) -> None:
    from calma.cli_options import add_config_options

    parser = subparsers.add_parser("tune", help="search the anti-overfitting settings (Optuna) or grow the data progressively",
                                   description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="prepared data folder (calma prepare --output)")
    parser.add_argument("--output-dir", required=True, type=Path, help="trials, tune.db, trials.md and best/ go here")
    parser.add_argument("--trials", type=int, default=8, help="trials of the search (default 8; resumes to this many)")
    parser.add_argument("--progressive", metavar="SIZES", help="instead of a search: e.g. 1000,5000,all training rows")
    add_config_options(parser, example="train.epochs=2")
    parser.set_defaults(handler=run_tune)


def run_tune(args) -> int:
    from calma.cli_options import config_from_args, print_config
    from calma.train.commands import passive_openmp

    passive_openmp()
    config = config_from_args(args, {})
    if args.print_config:
        print_config(config)
        return 0
    if args.trials < 1:
        raise CalmaError("--trials: at least 1")
    rows = tune(config, args.data, args.output_dir, trials=args.trials,
                progressive=_sizes(args.progressive) if args.progressive else None)
    print((Path(args.output_dir) / "trials.md").read_text(encoding="utf-8"))
    return 0 if rows else 1
