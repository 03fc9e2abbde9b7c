"""The form renderer (household review and the other questionnaires) and its windows."""
