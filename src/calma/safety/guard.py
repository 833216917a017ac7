"""Output guard: checks a generated reply before it reaches the user.

A small counseling model can still produce a counselor's phone number from its training
data, a dose ("take 50 mg of sertraline") or a diagnosis ("you have bipolar disorder").
Contact details are cut out of the reply (the rest is still useful); a dose, a medication
instruction or a diagnosis makes the whole reply unsafe, so it is replaced by a fixed one; so
do eating-disorder harm (calorie targets, weight-loss plans, purging tips) and method or
lethality details (heights, lethal doses, "it would take 30 pills"), replaced by a fixed reply
that points to help (`calma.safety.harm`).
`scan_reply` only reports, so evaluation can count findings on generated answers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from calma.patterns import EMAIL, PHONE, URL, is_crisis_line
from calma.safety.harm import harm_in_output
from calma.safety.replies import AI_DISCLOSURE, SAFE_FALLBACK_REPLY, SAFE_HARM_REPLY
from calma.safety.textfold import fold

CONTACT_KINDS = ("url", "email", "phone")
REPLACE_KINDS = ("medication_dose", "medication_advice", "diagnosis", "eating_disorder", "method")
HARM_KINDS = ("eating_disorder", "method")
_PLACEHOLDER = {"url": "[link removed]", "email": "[email removed]", "phone": "[number removed]"}

MEDICATIONS = (
    # antidepressants (SSRI, SNRI, others)
    "sertraline zoloft fluoxetine prozac paroxetine paxil citalopram celexa escitalopram lexapro "
    "fluvoxamine luvox venlafaxine effexor desvenlafaxine pristiq duloxetine cymbalta bupropion "
    "wellbutrin mirtazapine remeron trazodone vortioxetine trintellix amitriptyline nortriptyline "
    "imipramine clomipramine phenelzine esketamine spravato "
    # anxiolytics, sleep
    "alprazolam xanax lorazepam ativan diazepam valium clonazepam klonopin buspirone buspar "
    "hydroxyzine zolpidem ambien temazepam melatonin propranolol "
    # mood stabilisers, antipsychotics
    "lithium lamotrigine lamictal valproate depakote carbamazepine tegretol quetiapine seroquel "
    "olanzapine zyprexa risperidone risperdal aripiprazole abilify lurasidone latuda haloperidol "
    "clozapine ziprasidone "
    # stimulants, others, over the counter
    "methylphenidate ritalin concerta adderall amphetamine lisdexamfetamine vyvanse atomoxetine "
    "strattera modafinil naltrexone gabapentin pregabalin lyrica tramadol oxycodone "
    "ibuprofen acetaminophen paracetamol tylenol aspirin diphenhydramine benadryl "
    "st john's wort ssri ssris snri snris benzodiazepine benzodiazepines benzos antidepressant "
    "antidepressants antipsychotic antipsychotics"
).split()
_MED = r"(?:" + "|".join(sorted({re.escape(m) for m in MEDICATIONS}, key=len, reverse=True)) + r")"
_DOSE = r"\b\d+(?:[.,]\d+)?\s*(?:mg|mgs|milligrams?|mcg|micrograms?|µg|iu)(?![\w])"
_WEAK_DOSE = r"\b\d+(?:[.,]\d+)?\s*(?:g|grams?|ml|millilit(?:er|re)s?|units?)\b"  # 2 g of sugar: a dose only beside a medication
_PILLS = r"\b(?:\d+|one|two|three|four|five|six|a few|several)\s+(?:pills?|tablets?|capsules?|doses?)\b"
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_MED_RE = re.compile(rf"\b{_MED}\b", re.I)
_DOSE_RE = re.compile(rf"{_DOSE}|{_PILLS}", re.I)
_WEAK_DOSE_RE = re.compile(_WEAK_DOSE, re.I)
_MED_ADVICE_RE = re.compile(
    rf"\b(?:you\s+(?:should|could|can|must|need\s+to|might\s+want\s+to|may\s+want\s+to)\s+"
    rf"(?:try|take|start|use|stop|quit|double|increase|decrease|lower|raise|come\s+off|get\s+off)(?:\s+taking|\s+using)?"
    rf"|(?:try|take|start|stop|double|increase)\s+(?:taking\s+)?(?:some\s+|a\s+|your\s+)?)"
    rf"(?:\w+\s+){{0,2}}{_MED}\b"
    rf"|\bstop\s+taking\s+your\s+(?:medication|meds|pills|prescription)\b",
    re.I,
)
_CONDITIONS = (
    r"(?:major\s+|clinical\s+|severe\s+|chronic\s+)?depression|(?:major\s+)?depressive\s+disorder|bipolar(?:\s+(?:i{1,2}|disorder|depression))?"
    r"|bpd|borderline(?:\s+personality(?:\s+disorder)?)?|ptsd|c-?ptsd|post-?traumatic\s+stress(?:\s+disorder)?|ocd"
    r"|obsessive[- ]compulsive(?:\s+disorder)?|adhd|add|autism|asperger'?s|schizophrenia|schizoaffective(?:\s+disorder)?"
    r"|psychosis|(?:generali[sz]ed\s+|social\s+)?anxiety\s+disorder|gad|panic\s+disorder|agoraphobia"
    r"|(?:narcissistic|antisocial|histrionic|avoidant|dependent)\s+personality(?:\s+disorder)?|npd|a\s+personality\s+disorder"
    r"|anorexia(?:\s+nervosa)?|bulimia(?:\s+nervosa)?|binge[- ]eating\s+disorder|an\s+eating\s+disorder"
    r"|dissociative\s+identity\s+disorder|did|dysthymia|cyclothymia|insomnia\s+disorder|a\s+(?:mental|psychiatric)\s+(?:illness|disorder)"
)
_LABELS = (
    r"depressed|bipolar|schizophrenic|psychotic|manic|anorexic|bulimic|autistic|borderline|paranoid"
    r"|a\s+narcissist|a\s+sociopath|a\s+psychopath|an?\s+(?:alcoholic|addict)|mentally\s+ill|clinically\s+depressed"
)
_CERTAIN = r"(?:clearly|obviously|definitely|probably|likely|certainly|surely|most\s+likely|undoubtedly)"
_DIAGNOSIS_RE = re.compile(
    rf"\byou\s+(?:{_CERTAIN}\s+|might\s+|may\s+|must\s+)?(?:have|suffer\s+from|are\s+suffering\s+from|'ve\s+got|have\s+got|(?:seem|appear)\s+to\s+(?:have|suffer\s+from))\s+(?:{_CONDITIONS})\b"
    rf"|\byou\s+(?:seem|appear)\s+to\s+be\s+(?:{_LABELS})\b"
    rf"|\b(?:you\s+are|you're|youre)\s+{_CERTAIN}\s+(?:{_LABELS})\b"
    rf"|\b(?:you\s+are|you're|youre)\s+(?:{_LABELS.replace('depressed|', '')})\b"
    rf"|\b(?:sounds|looks|seems)\s+(?:to\s+me\s+)?like\s+(?:you\s+(?:have|are|'re)\s+|you're\s+|classic\s+|textbook\s+|a\s+case\s+of\s+)?(?:{_CONDITIONS}|{_LABELS})\b"
    rf"|\b(?:this|that|it)\s+is\s+(?:{_CERTAIN}\s+)?(?:(?:a\s+)?(?:clear\s+|classic\s+|textbook\s+|typical\s+)?(?:case|sign|symptom|example)\s+of|classic|textbook|typical)\s+(?:{_CONDITIONS})\b"
    rf"|\b(?:symptoms|signs)\s+(?:point\s+to|indicate|suggest|are\s+consistent\s+with)\s+(?:{_CONDITIONS})\b"
    rf"|\bi\s+(?:would\s+|'d\s+)?diagnose\s+you\b|\byour\s+diagnosis\s+is\b",
    re.I,
)
_NOT_A_CLAIM = re.compile(r"(?:\bif|\bwhether|\bunless|\bdo|\bdoes|\bdon't|\bnot|n't|\bcan't\s+tell\s+(?:you\s+)?)\s*$", re.I)


@dataclass(frozen=True)
class Finding:
    """One unsafe span in a reply: kind is url | email | phone | medication_dose | medication_advice |
    diagnosis | eating_disorder | method."""

    kind: str
    text: str


@dataclass(frozen=True)
class GuardResult:
    text: str
    findings: list[Finding]
    action: Literal["none", "redacted", "replaced"]


@dataclass
class GuardStats:
    """Counts interventions (actions and finding kinds) across replies, for logs and /metrics."""

    actions: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)

    def record(self, result: GuardResult) -> None:
        self.actions[result.action] += 1
        self.kinds.update(f.kind for f in result.findings)


def _contact_findings(text: str) -> list[Finding]:
    found = [Finding("email", m.group()) for m in EMAIL.finditer(text)]
    without_emails = EMAIL.sub(" ", text)
    found += [Finding("url", m.group()) for m in URL.finditer(without_emails)]
    found += [Finding("phone", m.group()) for m in PHONE.finditer(text) if not is_crisis_line(m.group())]
    return found


_DOSE_VERBS = re.compile(r"\b(?:take|taking|swallow|start|starting|try|use|increase|double|up\s+to|dose|dosage)\b", re.I)


def _medication_findings(text: str) -> list[Finding]:
    """A dose counts with a medication anywhere in the reply, or with a dosing verb in its sentence."""
    found = []
    names_a_medication = bool(_MED_RE.search(text))
    for sentence in _SENTENCE.findall(text):
        dose = _DOSE_RE.search(sentence)
        weak = _WEAK_DOSE_RE.search(sentence) and _MED_RE.search(sentence)
        if weak or (dose and (names_a_medication or _DOSE_VERBS.search(sentence))):
            found.append(Finding("medication_dose", sentence.strip()))
        elif _MED_ADVICE_RE.search(sentence):
            found.append(Finding("medication_advice", sentence.strip()))
    return found


def _diagnosis_findings(text: str) -> list[Finding]:
    found = []
    for match in _DIAGNOSIS_RE.finditer(text):
        before = text[max(0, match.start() - 25) : match.start()]
        if _NOT_A_CLAIM.search(before) or text[match.end() :].lstrip().startswith("?"):
            continue  # "if you have depression, ...", "do you have anxiety?" are not diagnoses
        found.append(Finding("diagnosis", match.group()))
    return found


def scan_reply(text: str) -> list[Finding]:
    """Every unsafe span in `text` (read in its folded form: calma.safety.textfold), contact
    details first; an empty list means the reply is clean."""
    text = fold(text)
    harm = [Finding(kind, span) for kind, span in harm_in_output(text)]
    return _contact_findings(text) + _medication_findings(text) + _diagnosis_findings(text) + harm


def _redact(text: str, findings: list[Finding]) -> str:
    for finding in sorted(findings, key=lambda f: len(f.text), reverse=True):
        text = text.replace(finding.text, _PLACEHOLDER[finding.kind])
    return text


def guard_reply(text: str) -> GuardResult:
    """Redact contact details; replace the whole reply when it doses, prescribes or diagnoses.

    The reply is checked and returned in its folded form, so that a redaction finds its span."""
    text = fold(text)
    findings = scan_reply(text)
    if any(f.kind in HARM_KINDS for f in findings):
        return GuardResult(SAFE_HARM_REPLY, findings, "replaced")
    if any(f.kind in REPLACE_KINDS for f in findings):
        return GuardResult(SAFE_FALLBACK_REPLY, findings, "replaced")
    if findings:
        return GuardResult(_redact(text, findings), findings, "redacted")
    return GuardResult(text, findings, "none")


def disclose(reply: str, first_turn: bool, disclosure: str = AI_DISCLOSURE) -> str:
    """Prepend the AI disclosure to a reply when it is due (`first_turn`; the service also passes
    True when the user asked or the interval passed: calma.safety.disclosure), never twice."""
    if not first_turn or reply.startswith(disclosure):
        return reply
    return f"{disclosure}\n\n{reply}"
