from . import beneficiary_beneficiary_suspend
