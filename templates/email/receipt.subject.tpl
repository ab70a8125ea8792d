We received your documents for case {{REFERENCE}}
