from . import portal_program
