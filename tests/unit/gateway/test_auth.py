import pytest

from services.gateway.auth import bearer_token
from services.platform.errors import Unauthenticated


def test_bearer_token_is_read_from_metadata():
    assert bearer_token((("x", "y"), ("authorization", "Bearer abc.def"))) == "abc.def"
    assert bearer_token((("authorization", "bearer  tok "),)) == "tok"


@pytest.mark.parametrize("metadata", [(), (("authorization", "Basic abc"),), (("authorization", "Bearer "),),
                                      (("authorization", "abc"),)])
def test_missing_or_malformed_authorization_is_unauthenticated(metadata):
    with pytest.raises(Unauthenticated):
        bearer_token(metadata)


@pytest.mark.parametrize("metadata", [
    (("authorization", "Bearer good"), ("authorization", "Bearer other")),
    (("authorization", "Bearer good"), ("authorization", "garbage")),
])
def test_more_than_one_authorization_value_is_unauthenticated(metadata):
    # Which one would count depends on the order proxies add them in: neither does.
    with pytest.raises(Unauthenticated, match="more than one"):
        bearer_token(metadata)
