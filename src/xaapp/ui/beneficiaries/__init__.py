"""Social assistance beneficiaries and the merit and children registers."""
