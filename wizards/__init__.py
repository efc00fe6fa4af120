from . import beneficiary_beneficiary_suspend
from . import beneficiary_policy_acknowledge
from . import beneficiary_consent_withdraw
