"""Reader input: comments (moderated) and reactions (counts only).

Privacy first: a comment keeps the author's email only so that moderators can recognise a
returning author, a keyed hash of the client's network (never the raw address) and a hash of
the commenter key that makes a returning commenter trusted (never the key itself); all three
are removed by ``purge_comment_personal_data`` after the retention period and none ever leaves
the admin.
"""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone

from .signals import reactions_changed


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    SPAM = "spam", "Spam"
    # Past the article's ceiling of new comments an hour (ARTICLE_PENDING_PER_HOUR): waits for a
    # moderator like PENDING (and the poster is told PENDING), without emailing moderators.
    HELD = "held", "Held (flood)"


AWAITING_MODERATION = (CommentStatus.PENDING, CommentStatus.HELD)


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def pending(self):
        return self.filter(status=CommentStatus.PENDING)

    def awaiting_moderation(self):
        """Pending and held comments: what a moderator still has to decide on."""
        return self.filter(status__in=AWAITING_MODERATION)


class Comment(models.Model):
    """A reader's comment on an article, or a reply (one level deep) to an approved comment."""

    article = models.ForeignKey(
        "pages.ArticlePage", on_delete=models.CASCADE, related_name="reader_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author_name = models.CharField(max_length=100)
    # Never exposed through the API, logs or error messages; cleared after the retention period.
    author_email = models.EmailField(max_length=254, blank=True)
    body = models.TextField(max_length=5000)
    status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    # HMAC of the client's IPv4 address or IPv6 /64, for rate limits and spotting floods.
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    # SHA-256 of the commenter key the poster holds (community/trust.py); never the key itself.
    commenter_key_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    personal_data_purged_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            # The admin counts pending comments on every page (the Comments menu label).
            models.Index(fields=["status", "created_at"]),
        ]
        permissions = [("moderate_comment", "Can moderate reader comments")]

    def __str__(self):
        return f"{self.author_name} on “{self.article.title}”: {self.body[:60]}"

    def set_status(self, status: str, user=None) -> None:
        if status not in CommentStatus.values:
            raise ValueError(f"Unknown comment status {status!r}")
        self.status = status
        self.moderated_at = timezone.now()
        self.moderated_by = user
        self.save(update_fields=["status", "moderated_at", "moderated_by"])


class ReactionKind(models.TextChoices):
    """Reactions chosen for people who use drugs and their families: supportive, never
    judgemental, and nothing that invites pile-ons (there is no "dislike")."""

    HELPFUL = "helpful", "This helped me"
    LEARNED = "learned", "I learned something"
    SUPPORT = "support", "Sending support"
    HOPEFUL = "hopeful", "This gives me hope"


class ReactionCount(models.Model):
    """How many times readers reacted to an article with one kind. No per-person rows."""

    article = models.ForeignKey(
        "pages.ArticlePage", on_delete=models.CASCADE, related_name="reaction_counts"
    )
    kind = models.CharField(max_length=20, choices=ReactionKind.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "kind"], name="one_count_per_article_kind")
        ]

    def __str__(self):
        return f"{self.kind}: {self.count}"

    @classmethod
    def increment(cls, article, kind: str) -> None:
        """Add one, atomically: concurrent reactions are never lost."""
        cls.objects.bulk_create([cls(article=article, kind=kind, count=0)], ignore_conflicts=True)
        cls.objects.filter(article=article, kind=kind).update(count=F("count") + 1)
        reactions_changed.send(sender=cls, article_id=article.pk)

    @classmethod
    def counts_for(cls, article_ids) -> dict[int, dict[str, int]]:
        """Every kind for every article (zero included), in two dicts, with one query."""
        counts = {pk: dict.fromkeys(ReactionKind.values, 0) for pk in article_ids}
        for article_id, kind, count in cls.objects.filter(article_id__in=article_ids).values_list(
            "article_id", "kind", "count"
        ):
            counts[article_id][kind] = count
        return counts


class QuizTally(models.Model):
    """Anonymous results of one version of one quiz: how many submissions, and (in the related
    counts) how often each question was answered correctly, each choice chosen, and each score
    reached. Nothing identifies a reader.

    A quiz is identified by its StreamField block id; ``version`` is a hash of what scoring
    depends on (questions, choices and which are correct), so that when an editor changes a
    quiz, the new version starts from zero instead of mixing with counts it no longer matches.
    """

    article = models.ForeignKey(
        "pages.ArticlePage", on_delete=models.CASCADE, related_name="quiz_tallies"
    )
    quiz_id = models.CharField(max_length=64)
    version = models.CharField(max_length=64)
    submissions = models.PositiveIntegerField(default=0)
    score_total = models.PositiveIntegerField(default=0, help_text="Sum of all scores.")
    max_score = models.PositiveIntegerField(default=0)
    first_submission_at = models.DateTimeField(default=timezone.now)
    last_submission_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "quiz_id", "version"], name="one_tally_per_quiz_version"
            )
        ]
        permissions = [("view_quiz_results", "Can view quiz results")]

    def __str__(self):
        return f"quiz {self.quiz_id} on article {self.article_id}: {self.submissions}"

    @property
    def average_score(self) -> float | None:
        return self.score_total / self.submissions if self.submissions else None


class QuizQuestionCount(models.Model):
    tally = models.ForeignKey(QuizTally, on_delete=models.CASCADE, related_name="question_counts")
    question_id = models.CharField(max_length=64)
    correct = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tally", "question_id"], name="one_count_per_question")
        ]

    def __str__(self):
        return f"question {self.question_id}: {self.correct} correct"


class QuizChoiceCount(models.Model):
    tally = models.ForeignKey(QuizTally, on_delete=models.CASCADE, related_name="choice_counts")
    question_id = models.CharField(max_length=64)
    choice_id = models.CharField(max_length=64)
    chosen = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tally", "choice_id"], name="one_count_per_choice")
        ]

    def __str__(self):
        return f"choice {self.choice_id}: chosen {self.chosen} times"


class QuizScoreCount(models.Model):
    """The score histogram: how many submissions scored ``score`` (out of the tally's max)."""

    tally = models.ForeignKey(QuizTally, on_delete=models.CASCADE, related_name="score_counts")
    score = models.PositiveIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tally", "score"], name="one_count_per_score")
        ]

    def __str__(self):
        return f"score {self.score}: {self.count}"
