import os

import pytest

from tests.chaos.harness import ChaosSystem

FULL = os.environ.get("CHAOS") == "full"


def pytest_collection_modifyitems(config, items):
    if FULL:
        return
    skip = pytest.mark.skip(reason="part of the full fault suite: make chaos (CHAOS=full)")
    for item in items:
        if "chaos_full" in item.keywords:
            item.add_marker(skip)


@pytest.fixture()
def chaos(tmp_path):
    system = ChaosSystem(tmp_path)
    yield system
    system.close()


@pytest.fixture()
def make_chaos(tmp_path):
    made = []

    def make(**overrides):
        made.append(ChaosSystem(tmp_path, **overrides))
        return made[-1]

    yield make
    for system in made:
        system.close()
