from . import beneficiary_beneficiary_suspend
from . import beneficiary_holidays_generate
from . import beneficiary_service_request_reason
from . import beneficiary_service_request_reason_eligibility
from . import beneficiary_policy_acknowledge
from . import beneficiary_consent_withdraw
from . import beneficiary_compliance_report
from . import portal_wizard
