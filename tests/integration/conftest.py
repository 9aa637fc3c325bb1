import pytest

from services.correction.service import CorrectionService, Policy
from services.platform.db import UnitOfWork, create_db_engine


@pytest.fixture(scope="session")
def db_engine(database_url):
    engine = create_db_engine(database_url, pool_size=4)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def uow(db_engine):
    return UnitOfWork(db_engine)


@pytest.fixture()
def correction(uow):
    return CorrectionService(uow, Policy(max_content_chars=1000))
