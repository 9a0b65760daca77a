"""What the modules' API routers share: the zone a request is about."""

from django.core.exceptions import ValidationError

from yingshang.registry.access import zones_visible_to
from yingshang.registry.models import User, Zone


def requested_zone(user: User, zone_id: int | None) -> Zone:
    """The user's own zone, or the one named if the user may see it (checked by the caller's
    role rules first)."""
    if zone_id is None:
        if user.zone is None:
            raise ValidationError({"zone_id": "请指定功能区"})
        return user.zone
    zone = zones_visible_to(user=user).filter(pk=zone_id).first()
    if zone is None:
        raise ValidationError({"zone_id": "功能区不存在或不在您的管辖范围内"})
    return zone
