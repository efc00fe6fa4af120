from . import test_beneficiary
from . import test_beneficiary_security
from . import test_beneficiary_policy_report
from . import test_beneficiary_policy
from . import test_beneficiary_policy_portal
from . import test_beneficiary_visit
from . import test_beneficiary_consent
