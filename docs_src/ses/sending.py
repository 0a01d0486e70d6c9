"""Sending email: a new account is in the SES sandbox, so sender and recipients must be
verified identities.
"""

import pocketcloud
from pocketcloud.services.ses import sent_emails

cloud = pocketcloud.Cloud(seed=0)
ses = cloud.client("ses")

message = {
    "Source": "noreply@example.com",
    "Destination": {"ToAddresses": ["ada@example.net"]},
    "Message": {
        "Subject": {"Data": "Your receipt"},
        "Body": {"Text": {"Data": "Thank you for your order."}},
    },
}

try:
    ses.send_email(**message)
except ses.exceptions.MessageRejected as error:
    print("MessageRejected:", error.response["Error"]["Message"])

ses.verify_email_identity(EmailAddress="noreply@example.com")
ses.verify_email_identity(
    EmailAddress="ada@example.net"
)  # in the sandbox, recipients too
print("identities:", ses.list_identities()["Identities"])

sent = ses.send_email(**message)
print("MessageId:", sent["MessageId"])
for mail in sent_emails(cloud):
    print("sent:", mail.source, "->", mail.to, "|", mail.subject)

# expect: MessageRejected: Email address is not verified.
# expect: MessageId:
# expect: sent: noreply@example.com -> ['ada@example.net'] | Your receipt
