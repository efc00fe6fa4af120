from . import test_beneficiary
from . import test_beneficiary_security
from . import test_service_request
from . import test_request_sla
from . import test_eligibility_assessment
from . import test_eligibility_security
