"""Where the fictional enterprises sit and how they are reached."""

import random

from yingshang.enterprises.demo import vocabulary as ref
from yingshang.enterprises.demo.distributions import INDIVIDUAL
from yingshang.enterprises.demo.weighted import uniform

ROADS = uniform(ref.ROADS)
BUILDINGS = uniform(ref.BUILDINGS)
MOBILE_PREFIXES = uniform(ref.MOBILE_PREFIXES)


def mobile(rng: random.Random) -> str:
    return f"{MOBILE_PREFIXES.pick(rng)}{rng.randrange(10**8):08d}"


def address(rng: random.Random, entity_type: str) -> str:
    road = f"{ROADS.pick(rng)}{rng.randint(1, 199)}号"
    if entity_type == INDIVIDUAL:
        return f"郑州市高新技术产业开发区{road}{rng.randint(1, 30)}号门面房"
    building = BUILDINGS.pick(rng) if rng.random() < 0.6 else ""
    floor = rng.randint(1, 24)
    return (
        f"河南省郑州市高新技术产业开发区{road}{building}"
        f"{rng.randint(1, 12)}号楼{floor}层{floor * 100 + rng.randint(1, 30)}号"
    )
