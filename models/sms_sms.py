import logging

import requests

from odoo import api, models, tools

from ..lib.text_messages import (
    SERVER_ERROR,
    SUCCESS,
    UNKNOWN,
    GatewayConfigError,
    build_request,
    classify_response,
)

_logger = logging.getLogger(__name__)

PARAM = "beneficiary_relations.sms_"
DEFAULT_TIMEOUT = 10
MAX_TIMEOUT = 60


class SmsSms(models.Model):
    """Every SMS Odoo sends goes through the gateway the association chose in Settings:
    Odoo's SMS service (IAP), or its own provider's HTTP gateway. Until one is chosen,
    nothing leaves the database: the SMS wait in the queue ("In Queue") and go out once
    a gateway is chosen. Odoo's queue stays the road: its states, failure types, retries
    (``resend_failed``) and the notifications on the messages."""

    _inherit = "sms.sms"

    @api.model
    def _beneficiary_gateway(self):
        """``"iap"``, ``"http"`` or ``""`` (none chosen: nothing is sent)."""
        value = self.env["ir.config_parameter"].sudo().get_param(f"{PARAM}provider") or ""
        return value if value in ("iap", "http") else ""

    @api.model
    def _beneficiary_http_config(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        try:
            timeout = float(get(f"{PARAM}http_timeout") or DEFAULT_TIMEOUT)
        except ValueError:
            timeout = DEFAULT_TIMEOUT
        return {
            "url": get(f"{PARAM}http_url") or "",
            "method": get(f"{PARAM}http_method") or "post_json",
            "body": get(f"{PARAM}http_body") or "",
            "auth_header": get(f"{PARAM}http_auth_header") or "",
            "sender": get(f"{PARAM}http_sender") or "",
            "username": get(f"{PARAM}http_username") or "",
            "password": get(f"{PARAM}http_password") or "",
            "success_text": get(f"{PARAM}http_success_text") or "",
            "timeout": min(max(timeout, 1), MAX_TIMEOUT),
        }

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        gateway = self._beneficiary_gateway()
        if gateway == "iap":
            return super()._send(
                unlink_failed=unlink_failed, unlink_sent=unlink_sent, raise_exception=raise_exception
            )
        if not gateway:
            _logger.info("%s SMS stay in the queue: no SMS gateway is chosen in the Settings", len(self))
            return None
        results = self._beneficiary_send_http(raise_exception=raise_exception)
        self._beneficiary_apply_results(results, unlink_failed=unlink_failed, unlink_sent=unlink_sent)
        return None

    def _beneficiary_send_http(self, raise_exception=False):
        """Send each SMS through the HTTP gateway: one request per SMS, so that each
        number gets its own answer. Returns ``[{"uuid", "state", "reason"}]`` with the
        states of Odoo's SMS service."""
        config = self._beneficiary_http_config()
        results = []
        with requests.Session() as session:
            for sms in self:
                try:
                    request = build_request(config, sms.number, sms.body)
                    response = session.request(
                        request["method"],
                        request["url"],
                        headers=request["headers"],
                        data=request["data"],
                        timeout=config["timeout"],
                    )
                    state, reason = classify_response(
                        response.status_code, response.text, config["success_text"]
                    )
                except GatewayConfigError as error:
                    state, reason = UNKNOWN, str(error)
                except requests.Timeout:
                    state = SERVER_ERROR
                    reason = self.env._(
                        "The SMS gateway did not answer within %(seconds)s seconds.",
                        seconds=config["timeout"],
                    )
                except requests.RequestException as error:
                    if raise_exception:
                        raise
                    state = SERVER_ERROR
                    reason = self.env._(
                        "The SMS gateway cannot be reached: %(error)s", error=type(error).__name__
                    )
                results.append({"uuid": sms.uuid, "state": state, "reason": reason})
        _logger.info(
            "Sent %s SMS through the HTTP gateway: %s succeeded",
            len(results),
            sum(1 for result in results if result["state"] == SUCCESS),
        )
        return results

    def _beneficiary_apply_results(self, results, unlink_failed=False, unlink_sent=True):
        """Record the gateway's answers as Odoo records IAP's (``sms.sms._send``): the
        SMS's state and failure type, its trackers and the notifications of its
        message."""
        all_sms_sudo = self.sudo().with_context(sms_skip_msg_notification=True)
        by_uuid = {sms.uuid: sms for sms in all_sms_sudo}
        groups = tools.groupby(results, key=lambda result: (result["state"], result["reason"]))
        for (state, reason), group in groups:
            sms_sudo = all_sms_sudo.browse([by_uuid[result["uuid"]].id for result in group])
            if success_state := self.IAP_TO_SMS_STATE_SUCCESS.get(state):
                sms_sudo.sms_tracker_id._action_update_from_sms_state(success_state)
                to_delete = {"to_delete": True} if unlink_sent else {}
                sms_sudo.write({"state": success_state, "failure_type": False, **to_delete})
            else:
                failure_type = self.IAP_TO_SMS_FAILURE_TYPE.get(state, "unknown")
                sms_sudo.sms_tracker_id._action_update_from_sms_state(
                    "error", failure_type=failure_type, failure_reason=reason or False
                )
                to_delete = {"to_delete": True} if unlink_failed else {}
                sms_sudo.write({"state": "error", "failure_type": failure_type, **to_delete})
        all_sms_sudo.mail_message_id._notify_message_notification_update()

    @api.model
    def _process_queue(self, ids=None):
        if not self._beneficiary_gateway():
            return None  # nothing is sent: no need to read the queue
        return super()._process_queue(ids=ids)
