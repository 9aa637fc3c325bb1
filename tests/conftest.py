import pytest

from tests.support import scratch_database, scratch_vhost


@pytest.fixture(scope="session")
def database_url():
    with scratch_database() as url:
        yield url


@pytest.fixture(scope="session")
def broker_url():
    with scratch_vhost() as url:
        yield url
