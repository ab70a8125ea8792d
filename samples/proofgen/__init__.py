"""Synthetic identity-evidence documents for proofdesk (all data generated, never real people)."""
