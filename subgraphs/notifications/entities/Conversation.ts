import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A chatbot conversation (chatbot/): its owner's account, and the client it speaks for. */
@Entity({ schema: 'notifications', name: 'conversations' })
@Index(['clientId', 'startedAt'])
export class ConversationRow {
  /** Chosen by the chatbot (a UUID) on the first turn. */
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** The login that talks: only it may add turns. */
  @Column({ name: 'account_id', type: 'text' }) accountId!: string;
  /** Null for staff and admins trying the chatbot. */
  @Column({ name: 'client_id', type: 'text', nullable: true }) clientId!: string | null;
  @Column({ type: 'text' }) language!: string;
  /** The matter the conversation settled on, once it did. */
  @Column({ name: 'matter_id', type: 'text', nullable: true }) matterId!: string | null;
  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
}

export const CONVERSATION_ROLES = ['CLIENT', 'BOT'] as const;
export type ConversationRole = (typeof CONVERSATION_ROLES)[number];

/** One message of a conversation, as said; refused ones are kept (and audit-logged) too. */
@Entity({ schema: 'notifications', name: 'conversation_turns' })
@Index(['conversationId', 'id'])
export class ConversationTurnRow {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) role!: ConversationRole;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text', nullable: true }) intent!: string | null;
  @Column({ type: 'boolean', default: false }) refused!: boolean;
}
