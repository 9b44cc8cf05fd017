"""DigiD levels in acr: names and SAML context classes, ordered."""

from maxww.accounts.assurance import acr_values_from, level_for, meets

SAML = "urn:oasis:names:tc:SAML:2.0:ac:classes:"


def test_levels_are_read_from_names_and_saml_classes():
    assert level_for("Midden") == "midden"
    assert level_for(SAML + "Smartcard") == "substantieel"
    assert level_for(SAML + "SmartcardPKI") == "hoog"
    assert level_for("urn:iets:anders") is None
    assert level_for(None) is None


def test_a_level_meets_the_minimum_only_when_at_least_as_high():
    assert meets(SAML + "MobileTwoFactorContract", "midden")
    assert meets("hoog", "midden")
    assert not meets(SAML + "PasswordProtectedTransport", "midden")
    assert not meets("", "basis")


def test_acr_values_ask_for_the_minimum_and_higher():
    assert acr_values_from("substantieel").split() == [
        SAML + "Smartcard",
        SAML + "SmartcardPKI",
    ]
