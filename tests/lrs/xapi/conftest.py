import pytest

from tests.lrs.xapi._validation import VERSIONS


@pytest.fixture(params=VERSIONS)
def version(request):
    """Each validator test runs for an xAPI 1.0.3 and a 2.0.0 request."""
    return request.param
