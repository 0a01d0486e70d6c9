"""AWS Secrets Manager: secrets, their versions and staging labels, and scheduled deletion on the virtual clock."""
