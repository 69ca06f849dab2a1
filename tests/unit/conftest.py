import pytest

from directory import db, places, seed
from tests.dbs import create_pg_database


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'directory.db'}"
    seed.seed(url)
    return url


@pytest.fixture(scope="session")
def postgres_url():
    url, drop = create_pg_database()
    seed.seed(url)
    yield url
    db.session_factory.cache_clear()
    places.clear_cache()
    drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def session(request):
    url = request.getfixturevalue(f"{request.param}_url" if request.param == "sqlite" else "postgres_url")
    with db.session_factory(url)() as s:
        yield s


@pytest.fixture(autouse=True)
def directory_database(sqlite_url, monkeypatch):
    """Actions open the directory through DATABASE_URL: point it at the seeded test database."""
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    yield
