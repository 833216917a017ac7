import pytest

from calma.config import CalmaConfig, dump_config, load_config, parse_set_options
from calma.errors import CalmaError


def test_defaults_follow_the_retraining_guide():
    cfg = CalmaConfig()
    assert cfg.train.learning_rate == 1e-4
    assert cfg.train.weight_decay == 0.01
    assert cfg.train.max_grad_norm == 1.0
    assert cfg.train.lr_scheduler == "cosine"
    assert cfg.train.epochs == 3
    assert cfg.train.early_stopping_patience == 3
    assert cfg.lora.dropout == 0.15 and cfg.lora.use_rslora
    assert (cfg.data.splits.train, cfg.data.splits.validation, cfg.data.splits.test) == (0.8, 0.1, 0.1)
    assert cfg.data.dataset == "Amod/mental_health_counseling_conversations"


def test_yaml_and_overrides_merge(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("train:\n  epochs: 2\n  learning_rate: 5.0e-5\n")
    cfg = load_config(path, {"train.epochs": 1, "lora.dropout": 0.2, "data.max_samples": None})
    assert cfg.train.epochs == 1
    assert cfg.train.learning_rate == 5e-5
    assert cfg.lora.dropout == 0.2
    assert cfg.data.max_samples is None


def test_unknown_key_is_named(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("train:\n  epochs: 2\n  learnig_rate: 1e-4\n")
    with pytest.raises(CalmaError, match=r"unknown config key 'train.learnig_rate'"):
        load_config(path)
    with pytest.raises(CalmaError, match=r"unknown config key 'trian'"):
        load_config(None, {"trian.epochs": 1})


def test_bad_values_and_files(tmp_path):
    with pytest.raises(CalmaError, match="train.learning_rate"):
        load_config(None, {"train.learning_rate": -1})
    with pytest.raises(CalmaError, match="add up to 1.0"):
        load_config(None, {"data.splits.train": 0.9})
    with pytest.raises(CalmaError, match="config file not found"):
        load_config(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("train: [unclosed\n")
    with pytest.raises(CalmaError, match="not valid YAML"):
        load_config(bad)


def test_set_options_parse_yaml_values():
    assert parse_set_options(["train.epochs=2", "lora.target_modules=[q_proj, v_proj]"]) == {
        "train.epochs": 2,
        "lora.target_modules": ["q_proj", "v_proj"],
    }
    with pytest.raises(CalmaError, match="expected section.key=value"):
        parse_set_options(["train.epochs"])


def test_shipped_configs_load_and_round_trip(tmp_path):
    from conftest import REPO

    for name in ("demo.yaml", "default.yaml"):
        cfg = load_config(REPO / "configs" / name)
        dumped = tmp_path / name
        dumped.write_text(dump_config(cfg))
        assert load_config(dumped) == cfg
