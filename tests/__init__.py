from . import test_beneficiary
from . import test_beneficiary_security
from . import test_report_widgets
from . import test_beneficiary_report
