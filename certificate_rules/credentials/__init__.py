"""Open Badges 3.0 credentials: contexts, RDFC-1.0 canonicalisation, eddsa-rdfc-2022 proofs,
Bitstring Status Lists and verification."""
