"""Tokenization: ids equal the tokenizer's own chat template; labels cover the answer + end of turn."""

from __future__ import annotations

from calma.data.tokenize import IGNORE_INDEX, encode_rows, messages_for, tokenizer_fingerprint

SYSTEM = "You are a calm helper."
QUESTIONS = ["How can I relax before sleep?", "Why do I feel tense at work?"]
ANSWERS = ["Try slow breathing for five minutes.\nThen dim the lights.", "Deadlines pile up; notice which one worries you most."]


def test_ids_match_apply_chat_template_and_labels_are_the_answer(tokenizer):
    encoded = encode_rows(tokenizer, SYSTEM, QUESTIONS, ANSWERS, max_length=1024)
    for k, (question, answer) in enumerate(zip(QUESTIONS, ANSWERS)):
        full = tokenizer.apply_chat_template(messages_for(SYSTEM, question, answer), tokenize=True)["input_ids"]
        prompt = tokenizer.apply_chat_template(messages_for(SYSTEM, question), tokenize=True, add_generation_prompt=True)["input_ids"]
        ids, labels = encoded.input_ids[k], encoded.labels[k]
        assert ids == full
        assert labels[: len(prompt)] == [IGNORE_INDEX] * len(prompt)
        answer_ids = [t for t, label in zip(ids, labels) if label != IGNORE_INDEX]
        assert tokenizer.decode(answer_ids) == answer + tokenizer.eos_token
        assert answer_ids[-1] == tokenizer.convert_tokens_to_ids("<|im_end|>")
        # the template's trailing newline after <|im_end|> is context, not a target
        assert labels[-1] == IGNORE_INDEX and ids[-1] != tokenizer.eos_token_id


def test_truncation_is_counted_and_hopeless_rows_dropped(tokenizer):
    long_answer = "Keep going, one small step at a time. " * 100
    encoded = encode_rows(tokenizer, SYSTEM, [QUESTIONS[0], "word " * 200, QUESTIONS[1]], [long_answer, ANSWERS[0], ANSWERS[1]], max_length=64)
    assert encoded.truncated == 1 and encoded.prompt_too_long == 1
    assert encoded.kept == [0, 2]
    assert all(len(ids) <= 64 for ids in encoded.input_ids)
    assert encoded.input_ids[1] == tokenizer.apply_chat_template(messages_for(SYSTEM, QUESTIONS[1], ANSWERS[1]), tokenize=True)["input_ids"]


def test_fingerprint_depends_on_what_tokenization_depends_on(tokenizer):
    base = tokenizer_fingerprint(tokenizer, SYSTEM, 512)
    assert base == tokenizer_fingerprint(tokenizer, SYSTEM, 512)
    assert base != tokenizer_fingerprint(tokenizer, SYSTEM + " ", 512)
    assert base != tokenizer_fingerprint(tokenizer, SYSTEM, 256)
