"""Community settings: ``settings.COMMUNITY`` overrides any of these defaults."""

from django.conf import settings

DEFAULTS = {
    # Moderation
    # A comment carrying a commenter key (returned by postComment) of which a moderator approved
    # a comment skips the queue (community/trust.py)...
    "AUTO_APPROVE_KNOWN_AUTHORS": True,
    "AUTO_APPROVE_MAX_LINKS": 2,  # ...unless the comment has more links than this
    # At most this many comments an hour (fixed window) join one article's moderation queue and
    # email the moderators; past it, new comments are stored as "held" without an email.
    "ARTICLE_PENDING_PER_HOUR": 20,
    # Anti-spam: the article's commentFormToken must be this old (seconds) and no older; each
    # token posts one comment (its nonce is remembered this long)
    "FORM_MIN_AGE": 3,
    "FORM_MAX_AGE": 24 * 60 * 60,
    # Rate limits per client (a keyed hash of its IPv4 address or IPv6 /64; community/clients.py)
    "COMMENT_MIN_INTERVAL": 15,  # seconds between two comments
    "COMMENTS_PER_HOUR": 5,
    "DUPLICATE_WINDOW": 60 * 60,  # the same body on the same article is refused this long
    "REACTIONS_PER_HOUR": 30,
    "QUIZ_SUBMISSIONS_PER_HOUR": 30,
    # Readers' directory problem reports (reportDirectoryProblem)
    "DIRECTORY_REPORT_MIN_INTERVAL": 15,  # seconds between two reports
    "DIRECTORY_REPORTS_PER_HOUR": 5,
    # How many proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR)
    "TRUSTED_PROXY_COUNT": 0,
    # Retention (manage.py purge_comment_personal_data)
    "PERSONAL_DATA_RETENTION_DAYS": 180,
    "SPAM_RETENTION_DAYS": 30,
}


def community_setting(name: str):
    return getattr(settings, "COMMUNITY", {}).get(name, DEFAULTS[name])
