More information needed for case {{REFERENCE}}
