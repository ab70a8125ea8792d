Your account has been created
