"""The web dashboard (issue #14): aiohttp app, Jinja2 pages, server-side charts."""

from adapters.web.app import create_app, serve
from adapters.web.data import CommunityView, DashboardData
from adapters.web.security import RateLimiter

__all__ = ["CommunityView", "DashboardData", "RateLimiter", "create_app", "serve"]
