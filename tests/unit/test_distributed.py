"""`calma train` under torchrun: two CPU processes (gloo backend, DDP) give one valid adapter."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import torch
from peft import PeftModel
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM

from train_helpers import simple_splits, write_prepared


def test_two_process_gloo_training_writes_a_valid_adapter(tmp_path, tiny_model_dir, tokenizer):
    data = write_prepared(tmp_path / "data", tokenizer, simple_splits())
    out = tmp_path / "out"
    command = [
        sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
        "-m", "calma", "train", "--data", str(data), "--output-dir", str(out), "--model", str(tiny_model_dir),
        "--max-steps", "4", "--device", "cpu",
        "--set", "train.batch_size=2", "--set", "train.eval_steps=2", "--set", "train.report_to=[]",
        "--set", "train.learning_rate=1e-3", "--set", "train.num_threads=1",
        "--set", "train.sequence_unlikelihood_phase_steps=2", "--set", "train.sequence_unlikelihood_tokens=8",
    ]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    final = out / "final"
    meta = json.loads((final / "calma.json").read_text())
    assert meta["world_size"] == 2 and meta["global_step"] == 4
    assert meta["sequence_unlikelihood_phase"]["steps"] == 2  # the phase runs under torchrun too
    assert (out / "final-likelihood" / "adapter_model.safetensors").is_file()
    weights = load_file(final / "adapter_model.safetensors")
    lora_b = [v for k, v in weights.items() if "lora_B" in k]
    assert lora_b and all(v.abs().sum() > 0 for v in lora_b)  # B starts at zero: it was trained
    model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(tiny_model_dir), final)
    ids = torch.tensor([tokenizer("How are you?")["input_ids"]])
    with torch.no_grad():
        tuned = model(input_ids=ids).logits
        with model.disable_adapter():
            base = model(input_ids=ids).logits
    assert torch.isfinite(tuned).all() and not torch.allclose(tuned, base)
