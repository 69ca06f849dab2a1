import pytest

from tests.e2e.stack import Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    s = Stack(tmp_path_factory.mktemp("stack")).start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def rasa_without_actions(tmp_path_factory):
    """A Rasa server whose action server is not running."""
    s = Stack(tmp_path_factory.mktemp("alone"))
    s.start_rasa()
    yield s
    s.stop()
