"""Spaced-repetition flashcards, scheduled by the fsrs package.

One memory state per user and fact. Every grade is logged with the state before
and after; a grade from a stale tab or a double click is recognised by the
state's version and ignored, so the stored state always equals the state
replayed from the log.

- `scheduling`: the fsrs scheduler, cards to and from stored states, replay
- `settings`: desired retention, the daily limit of new cards, details or not
- `decks`: which facts are cards, and the decks a student studies
- `queue`: which card comes next, and the card as it is shown
- `reviews`: grading, undo, suspending, exam dates
- `statistics`: browsing and the dashboard
"""

from app.models import MemoryState, ReviewLog
from app.services import NotFound, ServiceError
from app.services.cards.decks import (
    CatalogueEntry,
    Deck,
    catalogue,
    deck_choices,
    deck_facts,
    deck_sizes,
    in_deck,
    lesson_decks,
    parse_deck,
)
from app.services.cards.queue import (
    FRONT_TYPES,
    SIBLING_GAP,
    CardView,
    QueueCounts,
    QueueItem,
    card_view,
    day_start,
    new_cards_today,
    next_card,
)
from app.services.cards.reviews import (
    MAX_KEY,
    exam_cap,
    grade,
    set_exam_date,
    set_suspended,
    undo_last,
)
from app.services.cards.scheduling import (
    LEARNING_STEPS,
    MAXIMUM_INTERVAL_DAYS,
    RATINGS,
    RELEARNING_STEPS,
    apply_cap,
    card_from_json,
    card_json,
    card_of,
    card_values,
    interval_label,
    new_card,
    replay,
    replay_mismatches,
    scheduler,
)
from app.services.cards.settings import (
    NEW_LIMIT_MAX,
    RETENTION_MAX,
    RETENTION_MIN,
    remember_include_details,
    settings_for,
    update_settings,
)
from app.services.cards.statistics import (
    CardRow,
    Dashboard,
    ExamProgress,
    ForecastDay,
    HeatmapCell,
    LaterToday,
    TopicMastery,
    WeekRetention,
    browse,
    dashboard,
    due_now,
    exam_progress,
    heatmap,
    later_today,
    new_available,
    reviews_per_day,
    reviews_today,
    streak,
)

__all__ = [
    "FRONT_TYPES",
    "LEARNING_STEPS",
    "MAXIMUM_INTERVAL_DAYS",
    "MAX_KEY",
    "NEW_LIMIT_MAX",
    "RATINGS",
    "RELEARNING_STEPS",
    "RETENTION_MAX",
    "RETENTION_MIN",
    "SIBLING_GAP",
    "CardRow",
    "CardView",
    "CatalogueEntry",
    "Dashboard",
    "Deck",
    "ExamProgress",
    "ForecastDay",
    "HeatmapCell",
    "LaterToday",
    "MemoryState",
    "NotFound",
    "QueueCounts",
    "QueueItem",
    "ReviewLog",
    "ServiceError",
    "TopicMastery",
    "WeekRetention",
    "apply_cap",
    "browse",
    "card_from_json",
    "card_json",
    "card_of",
    "card_values",
    "card_view",
    "catalogue",
    "dashboard",
    "due_now",
    "day_start",
    "deck_choices",
    "deck_facts",
    "deck_sizes",
    "exam_cap",
    "exam_progress",
    "grade",
    "heatmap",
    "in_deck",
    "interval_label",
    "later_today",
    "lesson_decks",
    "new_available",
    "new_card",
    "new_cards_today",
    "next_card",
    "parse_deck",
    "replay",
    "replay_mismatches",
    "reviews_per_day",
    "reviews_today",
    "scheduler",
    "set_exam_date",
    "set_suspended",
    "remember_include_details",
    "settings_for",
    "streak",
    "undo_last",
    "update_settings",
]
