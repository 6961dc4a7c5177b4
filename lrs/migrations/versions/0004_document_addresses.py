"""documents keep their activity IRI and agent, so that `lrs export` can take them out

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 01:10:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('documents') as batch:
        batch.add_column(sa.Column('activity_id', sa.Text(), nullable=True))
        batch.add_column(sa.Column(
            'agent', sa.Text().with_variant(mysql.LONGTEXT(), 'mysql', 'mariadb'),
            nullable=True))


def downgrade():
    with op.batch_alter_table('documents') as batch:
        batch.drop_column('agent')
        batch.drop_column('activity_id')
