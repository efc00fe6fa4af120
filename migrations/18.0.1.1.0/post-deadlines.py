"""18.0.1.1.0: an association already running the module keeps what "wait for the
beneficiary" did for it (the deadline paused, then pushed back by the days spent
waiting). New associations get the policies' rule (policy 004: the request returns to
incomplete and its deadline starts again at completion); an association that wants it
chooses it in *Settings › Response Deadlines*."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("UPDATE res_company SET beneficiary_sla_hold = 'pause'")
