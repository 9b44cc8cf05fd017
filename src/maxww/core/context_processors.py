from .navigation import items_for


def navigation(request):
    """The role's navigation for the base layout."""
    user = getattr(request, "user", None)
    return {"nav_items": items_for(user) if user is not None else []}
