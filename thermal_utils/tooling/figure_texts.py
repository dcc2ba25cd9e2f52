"""The words the plots helpers write into figures themselves, in each language of the suite.

``thermal_utils.plots`` takes ``language`` (``"en"`` or ``"ko"``, the Korean edition in
``notebooks/ko``) and looks its texts up here.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "temperature": "temperature (°C)",
        "number_of_values": "number of values",
        "called": "called {name}",
        "truly": "truly {name}",
        "predicted_class": "predicted class",
        "true_class": "true class",
        "chance_auc": "chance (AUC 0.5)",
        "false_positive_rate": "false-positive rate (fakes called real)",
        "true_positive_rate": "true-positive rate (real faces called real)",
        "roc_curves": "ROC curves",
        "prediction_title": "P(real) = {p_real:.2f}\ntrue: {name}",
        "sweep_value": "value",
        "sweep_run": "run",
        "sweep_nothing": "nothing",
        "sweep_title": "Sweep of {swept}: {n} runs",
    },
    "ko": {
        "temperature": "온도(°C)",
        "number_of_values": "값의 개수",
        "called": "판정:\n{name}",
        "truly": "정답: {name}",
        "predicted_class": "판정한 클래스",
        "true_class": "정답 클래스",
        "chance_auc": "무작위 추측(AUC 0.5)",
        "false_positive_rate": "거짓양성률(실제 얼굴로 판정된 가짜)",
        "true_positive_rate": "참양성률(실제 얼굴로 판정된 실제 얼굴)",
        "roc_curves": "ROC 곡선",
        "prediction_title": "P(실제 얼굴) = {p_real:.2f}\n정답: {name}",
        "sweep_value": "값",
        "sweep_run": "실행",
        "sweep_nothing": "없음",
        "sweep_title": "{swept} 스윕: 실행 {n}개",
    },
}
"""The texts the helpers write themselves, per language (``{...}`` fields are filled in)."""

KOREAN_CLASS_NAMES = ("가짜", "실제 얼굴")
"""``CLASS_NAMES`` as the Korean figures show them, label 0 then label 1."""
