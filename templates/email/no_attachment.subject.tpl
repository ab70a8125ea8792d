We found no documents in your email about case {{REFERENCE}}
