from . import test_beneficiary
from . import test_beneficiary_security
from . import test_service_request
from . import test_request_sla
from . import test_complaint
from . import test_compensation
from . import test_report_widgets
from . import test_beneficiary_report
