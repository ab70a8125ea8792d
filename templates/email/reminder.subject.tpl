Reminder: we are waiting for your documents (case {{REFERENCE}})
