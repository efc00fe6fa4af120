from . import portal
from . import portal_program
from . import policy
from . import application
from . import program_public
from . import portal_published_work
