import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAccount, CurrentAccount } from '#haven/identity';
import { PageQueryDto, ParseIdPipe, Roles, toPageRequest } from '#haven/platform';
import { AddGoalRequestDto, GoalListResponseDto, GoalResponseDto } from './dto/goal.dto.js';
import { toGoalResponse } from './goal.mapper.js';
import { GoalsService } from './goals.service.js';

@ApiTags('clients')
@ApiBearerAuth()
@Roles('coach')
@Controller('clients/:id/goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Post()
  @ApiOperation({ summary: "Record a goal in the client's own words (PRACTICE_CLIENT_GOALS)" })
  @ApiResponse({ status: 201, type: GoalResponseDto })
  async add(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Body() body: AddGoalRequestDto,
  ): Promise<GoalResponseDto> {
    return toGoalResponse(await this.goals.add(caller, clientId, body.statement));
  }

  @Get()
  @ApiOperation({ summary: "The client's goals, newest first" })
  @ApiResponse({ status: 200, type: GoalListResponseDto })
  async list(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Param('id', ParseIdPipe) clientId: string,
    @Query() query: PageQueryDto,
  ): Promise<GoalListResponseDto> {
    const page = await this.goals.list(
      caller,
      clientId,
      toPageRequest(query, { name: `goals:${clientId}`, caller: caller.accountId }),
    );
    return { items: page.items.map(toGoalResponse), nextCursor: page.nextCursor };
  }
}
