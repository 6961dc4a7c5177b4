"""credential usage per minute, for rate limits

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 20:50:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('credential_usage',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('window', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.Column('count', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('key', 'window', name=op.f('pk_credential_usage'))
    )


def downgrade():
    op.drop_table('credential_usage')
