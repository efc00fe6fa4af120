"""The ways the association's messages reach a beneficiary (no Odoo import): the
channel codes of the notification service, their labels, and the order tried when the
association sets none."""

CHANNELS = [
    ("email", "E-mail"),
    ("sms", "SMS"),
    ("whatsapp", "WhatsApp"),
    ("phone", "Phone Call"),
    ("letter", "Letter or In Person"),
]
CHANNEL_CODES = tuple(code for code, _label in CHANNELS)
# e-mail first: free and complete; a letter (or the next visit) reaches everybody on file
DEFAULT_ORDER = ("email", "sms", "whatsapp", "phone", "letter")
# the channels an officer works by hand (an activity each)
OFFICER_CHANNELS = ("whatsapp", "phone", "letter")
